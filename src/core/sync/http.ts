import { z } from 'zod';
import {
  federationContract,
  healthSchema,
  type FederationInput,
  type FederationMethod,
  type FederationOutput,
  type Health,
} from '../../shared/federation/contract';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/errors';

/** Long enough for a page of 200 proposals on a slow intranet; short enough that a dead server is noticed. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Codes a sync failure carries, so the desk can say 离线 or ask for the password again. */
export const SYNC_ERROR = {
  offline: 'OFFLINE',
  auth: 'UNAUTHORIZED',
  server: 'SERVER_ERROR',
} as const satisfies Record<string, ErrorCode>;

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string(), details: z.array(z.string()).optional() }) }),
]);

/** Server error codes that mean the session (or the password) is not accepted. */
const AUTH_CODES = new Set(['UNAUTHENTICATED', 'UNAUTHORIZED', 'AUTH_FAILED', 'SESSION_EXPIRED', 'BAD_CREDENTIALS', 'INVALID_SESSION']);

/** `http://host:port` without a trailing slash, or a Chinese error for anything else. */
export function normalizeServerUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new AppError('INVALID_INPUT', `服务器地址「${input}」无效，应类似 http://192.168.1.10:8787`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('INVALID_INPUT', `服务器地址须以 http:// 或 https:// 开头（收到「${input}」）`);
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The federation server's API over HTTP: every call POSTs JSON to /api/:method and every answer is
 * checked against the shared contract, so nothing the network says reaches the library unparsed.
 */
export class FederationHttp {
  constructor(
    readonly baseUrl: string,
    private token: string | null = null,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  setToken(token: string | null): void {
    this.token = token;
  }

  private async fetchText(path: string, init: RequestInit): Promise<{ status: number; text: string }> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
      throw new AppError(SYNC_ERROR.offline, `无法连接总会服务器 ${this.baseUrl}（${cause}）。项目已保存在本机，联网后会自动同步。`);
    }
    try {
      return { status: res.status, text: await res.text() };
    } catch (e) {
      throw new AppError(SYNC_ERROR.offline, `与总会服务器的连接中断（${e instanceof Error ? e.message : String(e)}）。项目已保存在本机。`);
    }
  }

  async health(): Promise<Health> {
    const { status, text } = await this.fetchText('/healthz', { method: 'GET' });
    const parsed = healthSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new AppError(SYNC_ERROR.server, `${this.baseUrl} 不是善策总会服务器（HTTP ${status}）`);
    return parsed.data;
  }

  async call<M extends FederationMethod>(method: M, input: FederationInput<M>): Promise<FederationOutput<M>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const { status, text } = await this.fetchText(`/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
    const envelope = envelopeSchema.safeParse(safeJson(text));
    if (!envelope.success) {
      if (status === 401) throw new AppError(SYNC_ERROR.auth, '登录已失效，请在 设置 → 总会服务器 中重新登录');
      throw new AppError(SYNC_ERROR.server, `总会服务器返回了无法识别的内容（HTTP ${status}）`);
    }
    const body = envelope.data;
    if (!body.ok) {
      const code = status === 401 || AUTH_CODES.has(body.error.code) ? SYNC_ERROR.auth : isErrorCode(body.error.code) ? body.error.code : SYNC_ERROR.server;
      throw new AppError(code, body.error.message, body.error.details ?? []);
    }
    const value = federationContract[method].output.safeParse(body.value);
    if (!value.success) throw new AppError(SYNC_ERROR.server, `总会服务器对 ${method} 的回答不符合约定，未做任何更改`);
    return value.data as FederationOutput<M>;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
