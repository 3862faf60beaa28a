import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { z } from 'zod';
import type { Dispatch } from '../core';
import type { Envelope } from '../shared/api/contract';

/** The one IPC channel. The preload script names it too (it may import nothing of ours). */
export const IPC_CHANNEL = 'shance:invoke';

/** What registerIpc needs of Electron's ipcMain, so tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

const requestSchema = z.tuple([z.string().max(100), z.unknown()]);

/**
 * Only the app's own top-level page may call the core: not an iframe, not a page the window was
 * navigated to.
 */
export function isTrustedFrame(frame: Pick<WebFrameMain, 'url' | 'parent'> | null, rendererUrl: string): boolean {
  if (!frame || frame.parent) return false;
  try {
    const got = new URL(frame.url);
    const want = new URL(rendererUrl);
    return got.protocol === want.protocol && got.host === want.host && got.pathname === want.pathname;
  } catch {
    return false;
  }
}

export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, isTrusted: (frame: WebFrameMain | null) => boolean): void {
  ipcMain.handle(IPC_CHANNEL, async (event, ...args): Promise<Envelope<unknown>> => {
    if (!isTrusted(event.senderFrame)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } };
    }
    const request = requestSchema.safeParse(args);
    if (!request.success) return { ok: false, error: { code: 'INVALID_INPUT', message: '请求格式无效' } };
    const [method, payload] = request.data;
    return dispatch(method, payload);
  });
}
