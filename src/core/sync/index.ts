export { SyncService, login } from './service';
export { startSyncTimer, syncServiceFor, SYNC_INTERVAL_MS } from './timer';
export { normalizeServerUrl, FederationHttp } from './http';
export type { TokenEncryptor } from './tokenStore';
