import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Dispatch } from '../core';
import type { Envelope } from '../shared/api/contract';
import { httpStatusOf } from '../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../shared/security';
import { staticMimeType } from '../core/util/staticMime';

/** Large enough for a bundle of photos sent as base64, small enough not to exhaust memory. */
export const BODY_LIMIT_BYTES = 320 * 1024 * 1024;
/** A body above this (or of unknown length) is large: only MAX_LARGE_BODIES are read at a time. */
export const LARGE_BODY_BYTES = 8 * 1024 * 1024;
export const MAX_LARGE_BODIES = 2;


const methodParam = z.string().regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/);


export interface BrowserDoorOptions {
  dispatch: Dispatch;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Required on every API call; a fresh random one per run when not given. */
  token?: string;
  port?: number;
}

export interface RunningDoor {
  server: Server;
  port: number;
  token: string;
  /** The address to open, with the token for the page to pick up. */
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(data);
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  const body: Envelope<never> = { ok: false, error: { code, message } };
  send(res, status, body);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, declared: number | null): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES || (declared !== null && size > declared)) throw new Error('too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Answer and drop the connection without reading the rest of the body. */
function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  res.setHeader('Connection', 'close');
  res.once('finish', () => req.destroy());
  fail(res, status, code, message);
}

/** The declared Content-Length: null when absent (chunked), NaN when not a number. */
function declaredLength(req: IncomingMessage): number | null {
  const h = req.headers['content-length'];
  if (h === undefined) return null;
  return /^\d{1,15}$/.test(h) ? Number(h) : Number.NaN;
}

function serveStatic(staticDir: string, urlPath: string, res: ServerResponse): void {
  const root = resolve(staticDir);
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return fail(res, 400, 'INVALID_INPUT', '地址无效');
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) return fail(res, 403, 'FORBIDDEN', '拒绝访问');
  if (!existsSync(file) || !statSync(file).isFile()) {
    if (rel === '/index.html') {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('界面尚未构建：请先运行 npm run build');
      return;
    }
    return fail(res, 404, 'NOT_FOUND', '文件不存在');
  }
  res.writeHead(200, {
    'Content-Type': staticMimeType(extname(file)),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': rel === '/index.html' ? 'no-store' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(res);
}

/**
 * The browser door: the built renderer and the same API as the Electron door at POST /api/:method,
 * on 127.0.0.1 only. Every API call needs the run's token; Host and Origin must name this server,
 * so another web page (or a DNS-rebinding trick) cannot drive the library.
 */
export function startBrowserDoor(opts: BrowserDoorOptions): Promise<RunningDoor> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  let largeInFlight = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = createServer((req, res) => {
    const hosts = allowedHosts();
    if (!req.headers.host || !hosts.has(req.headers.host)) return fail(res, 403, 'FORBIDDEN', '拒绝来自其他主机名的访问');
    const url = req.url ?? '/';
    if (!url.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'FORBIDDEN', '不支持的请求方式');
      return serveStatic(opts.staticDir, url, res);
    }
    if (req.method !== 'POST') return fail(res, 405, 'FORBIDDEN', '接口只接受 POST 请求');
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, ''))) return fail(res, 403, 'FORBIDDEN', '拒绝来自其他网页的请求');
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) {
      return fail(res, 401, 'UNAUTHORIZED', '访问令牌无效：请使用启动时显示的完整地址打开善策');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return fail(res, 415, 'INVALID_INPUT', '请求内容应为 JSON');
    }
    const method = methodParam.safeParse(url.slice('/api/'.length).split('?')[0]);
    if (!method.success) return fail(res, 404, 'UNKNOWN_METHOD', '未知的操作');

    const declared = declaredLength(req);
    if (Number.isNaN(declared)) return refuseUnread(req, res, 400, 'INVALID_INPUT', '请求头 Content-Length 无效');
    if (declared !== null && declared > BODY_LIMIT_BYTES) {
      return refuseUnread(req, res, 413, 'TOO_LARGE', `请求过大（上限 ${BODY_LIMIT_BYTES / 1024 / 1024} MB）`);
    }
    // Several large uploads at once could hold gigabytes (each body, then its decoded copy).
    const large = declared === null || declared > LARGE_BODY_BYTES;
    if (large && largeInFlight >= MAX_LARGE_BODIES) {
      return refuseUnread(req, res, 503, 'BUSY', '正在处理其他大文件，请等它完成后再试');
    }
    if (large) largeInFlight += 1;
    let released = false;
    const release = () => {
      if (large && !released) largeInFlight -= 1;
      released = true;
    };
    res.once('close', release);

    readBody(req, declared)
      .then(async (body) => {
        let payload: unknown;
        try {
          payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch {
          return fail(res, 400, 'INVALID_INPUT', '请求内容不是有效的 JSON');
        }
        const envelope = await opts.dispatch(method.data, payload);
        send(res, envelope.ok ? 200 : httpStatusOf(envelope.error.code), envelope);
      })
      .catch(() => {
        if (!res.headersSent) fail(res, 413, 'TOO_LARGE', `请求过大（上限 ${BODY_LIMIT_BYTES / 1024 / 1024} MB）`);
        req.destroy();
      });
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolvePromise({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
