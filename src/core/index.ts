export { Library, APP_VERSION } from './library/library';
export { createHandlers } from './api/handlers';
export type { CoreContext } from './api/context';
export { createDispatch, type Dispatch, type Handlers } from './api/dispatch';
export { defaultTemplatesDir, resolveDbPath } from './paths';
export { startSyncTimer, syncServiceFor, type TokenEncryptor } from './sync';
export { LibrarySession } from './api/librarySession';
