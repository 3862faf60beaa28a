import { contextBridge, ipcRenderer } from 'electron';

// The renderer gets exactly one function: call a core method by name. No other channel, no Node.
// The channel name matches IPC_CHANNEL in src/main/ipc.ts (the preload may import only electron).
contextBridge.exposeInMainWorld('api', {
  invoke: (method: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke('shance:invoke', method, payload),
});
