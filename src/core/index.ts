export { Library, APP_VERSION } from './library/library';
export { createHandlers, type CoreContext } from './api/handlers';
export { createDispatch, type Dispatch, type Handlers } from './api/dispatch';
export { defaultTemplatesDir, resolveDbPath } from './paths';
export { startSyncTimer, syncServiceFor, type TokenEncryptor } from './sync';
