import { createClient, type Transport } from '../../shared/api/client';
import type { Envelope } from '../../shared/api/contract';

declare global {
  interface Window {
    /** Present only inside Electron: the preload script's bridge. */
    api?: { invoke(method: string, payload: unknown): Promise<unknown> };
  }
}

const TOKEN_KEY = 'shance.token';

/** The browser door gives its token in the address once; keep it for this tab and take it out of the address bar. */
function browserToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(): Transport {
  const token = browserToken();
  return async (method, payload) => {
    const res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(payload ?? {}),
    });
    const text = await res.text();
    try {
      return JSON.parse(text) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'TRANSPORT', message: `后台返回了无法识别的内容（HTTP ${res.status}）` } };
    }
  };
}

function ipcTransport(bridge: NonNullable<Window['api']>): Transport {
  return (method, payload) => bridge.invoke(method, payload) as Promise<Envelope<unknown>>;
}

/** The only way the renderer reaches the core; it does not know which door it came through. */
export const api = createClient(window.api ? ipcTransport(window.api) : httpTransport());
