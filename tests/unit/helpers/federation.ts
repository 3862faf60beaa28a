import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { addUser, openFederationStore, startFederationServer, type FederationStore, type RunningServer } from '../../../src/federation';
import type { FederationEnvelope, FederationInput, FederationMethod, FederationOutput } from '../../../src/shared/federation/contract';

export type DatabaseKind = 'pglite' | 'postgres';

const adminUrl = process.env.SHANCE_TEST_DATABASE_URL;
// .ci/run starts PostgreSQL and sets the address; on CI a missing server must fail the run, never skip it.
if (!adminUrl && process.env.CI) throw new Error('CI 上没有 SHANCE_TEST_DATABASE_URL：.ci/run 应当已启动 PostgreSQL');

/** The databases the server's suite runs on: PGlite always, PostgreSQL where one is running. */
export const DATABASES: DatabaseKind[] = adminUrl ? ['pglite', 'postgres'] : ['pglite'];

/** A fresh, empty database of the given kind, dropped by `drop`. */
export async function freshDatabase(kind: DatabaseKind): Promise<{ target: { dataDir?: string; databaseUrl?: string }; drop(): Promise<void> }> {
  if (kind === 'pglite') return { target: { dataDir: 'memory://' }, drop: async () => undefined };
  const name = `shance_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return {
    target: { databaseUrl: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestFederation {
  store: FederationStore;
  server: RunningServer;
  /** Call the server over HTTP, as a desk does. */
  call<M extends FederationMethod>(method: M, payload: FederationInput<M> | Record<string, unknown>, token?: string | null): Promise<FederationEnvelope<FederationOutput<M>>>;
  /** Call and expect success. */
  ok<M extends FederationMethod>(method: M, payload: FederationInput<M> | Record<string, unknown>, token?: string | null): Promise<FederationOutput<M>>;
  /** Add a user and log in: the session token. */
  user(name: string, district: string, role: 'drafter' | 'reviewer' | 'trainer' | 'admin'): Promise<string>;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse 电池';

/** A real server over HTTP on a fresh database of `kind`. */
export async function startTestFederation(kind: DatabaseKind): Promise<TestFederation> {
  const db = await freshDatabase(kind);
  const store = await openFederationStore(db.target);
  const server = await startFederationServer({ store, port: 0 });
  const call = async (method: string, payload: unknown, token?: string | null) => {
    const res = await fetch(`${server.url}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(payload),
    });
    return (await res.json()) as FederationEnvelope<never>;
  };
  const fed: TestFederation = {
    store,
    server,
    call: call as TestFederation['call'],
    ok: (async (method: string, payload: unknown, token?: string | null) => {
      const r = await call(method, payload, token);
      if (!r.ok) throw new Error(`${method} 失败：${r.error.code} ${r.error.message}`);
      return r.value;
    }) as TestFederation['ok'],
    user: async (name, district, role) => {
      await addUser(store, { name, district, role, password: PASSWORD });
      const r = await call('auth.login', { user: name, password: PASSWORD });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { token: string }).token;
    },
    close: async () => {
      await server.close();
      await store.close();
      await db.drop();
    },
  };
  return fed;
}

const CITY = '市慈善总会（本级）';

/**
 * The accounts the server suites share: drafters of two districts, so one can be refused the
 * other's proposals, and the city's reviewer, trainer and admin. A test that needs an account of
 * its own (a third district, a second reviewer) still adds it with `fed.user`.
 */
export const ACCOUNTS = {
  yubei: { name: 'yubei', district: '渝北区', role: 'drafter' },
  jiangbei: { name: 'jiangbei', district: '江北区', role: 'drafter' },
  reviewer: { name: 'shenhe', district: CITY, role: 'reviewer' },
  trainer: { name: 'peixun', district: CITY, role: 'trainer' },
  admin: { name: 'guanli', district: CITY, role: 'admin' },
} as const;

/** Session tokens of ACCOUNTS, by the same keys. */
export type Sessions = Record<keyof typeof ACCOUNTS, string>;

/** A real server over HTTP on a fresh database of `kind`, with ACCOUNTS added and logged in. */
export async function startFederationWithAccounts(kind: DatabaseKind): Promise<{ fed: TestFederation; as: Sessions }> {
  const fed = await startTestFederation(kind);
  const as = {} as Sessions;
  for (const [key, a] of Object.entries(ACCOUNTS) as [keyof Sessions, (typeof ACCOUNTS)[keyof Sessions]][]) as[key] = await fed.user(a.name, a.district, a.role);
  return { fed, as };
}
