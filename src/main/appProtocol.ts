import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { staticMimeType } from '../core/util/staticMime';
import { CONTENT_SECURITY_POLICY } from '../shared/security';

/**
 * The renderer is served from app://shance/ rather than file://: a page loaded from file:// may read
 * any file on the machine, a page on a standard, secure custom scheme is an ordinary origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'shance';
export const APP_RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Where the window loads the renderer from. The dev server address (ELECTRON_RENDERER_URL, set by
 * electron-vite) is honoured only in an unpackaged development run: in an installed app an
 * environment variable must not be able to swap the page that gets the IPC bridge.
 */
export function rendererUrlFor(isPackaged: boolean, env: NodeJS.ProcessEnv): string {
  const dev = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && dev && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(dev)) return dev;
  return APP_RENDERER_URL;
}

/** Must run before the app is ready: the scheme behaves like https (origin, fetch, secure context). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** The file an app:// address names inside the renderer folder, or null for anything else. */
export function appFileFor(rendererDir: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path === '/' || path === '') path = '/index.html';
  if (path.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = normalize(join(root, path));
  return file.startsWith(root + sep) ? file : null;
}

/** Answer app:// requests from the renderer folder, with the same CSP the browser door sends. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(rendererDir, request.url);
    if (!file) return new Response('拒绝访问', { status: 403 });
    try {
      const data = await readFile(file);
      return new Response(data, {
        headers: {
          'Content-Type': staticMimeType(extname(file)),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('文件不存在', { status: 404 });
    }
  });
}
