import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { httpStatusOf } from '../shared/errors';
import type { FederationEnvelope, Health } from '../shared/federation/contract';
import type { FederationDispatch } from './handlers';
import { toJsonText } from './jsonText';

/** Large enough for one image (10 MB as base64) or a page of proposals; anything bigger is refused unread. */
export const FEDERATION_BODY_LIMIT = 16 * 1024 * 1024;

const methodParam = z.string().regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/);

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, JSON_HEADERS);
  res.end(JSON.stringify(body));
}

/** An envelope whose value may be JSON text already (a pull), spliced in rather than serialized. */
function sendEnvelope(res: ServerResponse, envelope: FederationEnvelope<unknown>): void {
  if (!envelope.ok) return send(res, httpStatusOf(envelope.error.code), envelope);
  res.writeHead(200, JSON_HEADERS);
  res.end(`{"ok":true,"value":${toJsonText(envelope.value)}}`);
}

function fail(res: ServerResponse, code: string, message: string): void {
  const body: FederationEnvelope<never> = { ok: false, error: { code, message } };
  send(res, httpStatusOf(code), body);
}

class TooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > FEDERATION_BODY_LIMIT) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FEDERATION_BODY_LIMIT) throw new TooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export interface ListenOptions {
  host?: string;
  port?: number;
  /** PEM files: serve HTTPS directly instead of behind the intranet's reverse proxy. */
  tls?: { cert: string; key: string };
}

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * The federation server's HTTP face: `GET /healthz` without a session, `POST /api/:method` with a
 * JSON body and (except for login) a bearer session token. No pages, no cookies: desks and scripts
 * are the only clients, so there is no cross-site request to guard against beyond the token.
 */
export function listen(dispatch: FederationDispatch, health: () => Promise<Health>, opts: ListenOptions = {}): Promise<RunningServer> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = (req.url ?? '/').split('?')[0] ?? '/';
    if (url === '/healthz') {
      if (req.method !== 'GET') return fail(res, 'INVALID_INPUT', '只接受 GET 请求');
      health().then(
        (h) => send(res, 200, h),
        () => send(res, 503, { ok: false, error: { code: 'INTERNAL', message: '数据库不可用' } }),
      );
      return;
    }
    if (!url.startsWith('/api/')) return fail(res, 'NOT_FOUND', '地址不存在');
    if (req.method !== 'POST') return fail(res, 'INVALID_INPUT', '接口只接受 POST 请求');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(res, 'INVALID_INPUT', '请求内容应为 JSON');
    const method = methodParam.safeParse(url.slice('/api/'.length));
    if (!method.success) return fail(res, 'UNKNOWN_METHOD', '未知的操作');
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() || null : null;
    readBody(req)
      .then(async (body) => {
        let payload: unknown;
        try {
          payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch {
          return fail(res, 'INVALID_INPUT', '请求内容不是有效的 JSON');
        }
        const envelope = await dispatch(method.data, payload, { token, remote: req.socket.remoteAddress ?? '' });
        sendEnvelope(res, envelope);
      })
      .catch((e: unknown) => {
        if (res.headersSent) return;
        if (e instanceof TooLarge) {
          fail(res, 'TOO_LARGE', `请求过大（上限 ${FEDERATION_BODY_LIMIT / 1024 / 1024} MB），未做任何修改`);
          req.destroy();
        } else {
          fail(res, 'INTERNAL', '请求未能读完，未做任何修改');
        }
      });
  };
  const server = opts.tls
    ? createHttpsServer({ cert: readFileSync(opts.tls.cert), key: readFileSync(opts.tls.key) }, handler)
    : createHttpServer(handler);
  server.requestTimeout = 120_000;
  // Idle keep-alive connections stay open a minute rather than Node's 5 s: a desk (or the bench's
  // 42) whose next request comes close to 5 s later on a busy machine raced the close and got
  // ECONNRESET. Clients take the hint from the Keep-Alive header and close first.
  server.keepAliveTimeout = 65_000;
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const port = (server.address() as AddressInfo).port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        server,
        port,
        url: `${opts.tls ? 'https' : 'http'}://${shownHost}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
