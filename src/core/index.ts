export { Library, APP_VERSION } from './library/library';
export { createHandlers } from './api/handlers';
export { createDispatch, type Dispatch, type Handlers } from './api/dispatch';
export { resolveDbPath } from './paths';
