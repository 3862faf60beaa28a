import { AppError } from '../shared/errors';
import { districtSchema, type Health } from '../shared/federation/contract';
import { readBundle } from '../core/bundle/readBundle';
import { loadBoilerplate } from '../core/dedupe/boilerplate';
import { defaultTemplatesDir } from '../core/paths';
import { addUser as addUserTo, listUsers, type NewUser } from './accounts';
import { migrate, schemaVersion } from './db/migrations';
import { connect, type Database } from './db/sql';
import { createFederationDispatch } from './handlers';
import { listen, type ListenOptions, type RunningServer } from './http';
import { applyProposal } from './proposals';
import { SimilarIndex } from './similar';
import { putImage } from './images';

export { SERVER_SCHEMA_VERSION } from './db/migrations';
export type { RunningServer } from './http';

/** The server's data: one database (PGlite or PostgreSQL), migrated, and the similar-projects index over it. */
export interface FederationStore {
  db: Database;
  similar: SimilarIndex;
  /** The templates folder the server reads shipped rule packs from. */
  templatesDir?: string;
  close(): Promise<void>;
}

/**
 * Open the federation's database: a real PostgreSQL server when `databaseUrl` is given, otherwise
 * PGlite in `dataDir` (`memory://` for a throwaway one). Migrates it; a database from a newer
 * server is refused untouched.
 */
export async function openFederationStore(opts: { dataDir?: string; databaseUrl?: string; templatesDir?: string }): Promise<FederationStore> {
  let db: Database;
  try {
    db = opts.databaseUrl ? await connect({ url: opts.databaseUrl }) : await connect({ dataDir: opts.dataDir ?? 'memory://' });
  } catch (e) {
    const why = e instanceof Error ? e.message || e.name : String(e);
    throw new AppError(
      'DB_UNREADABLE',
      opts.databaseUrl ? `无法连接 PostgreSQL 数据库（${why}）。请检查 --database-url 的地址、用户名和密码，以及数据库是否已启动。` : `无法打开数据目录「${opts.dataDir}」（${why}）`,
    );
  }
  try {
    await migrate(db);
    const similar = await SimilarIndex.load(db, loadBoilerplate(opts.templatesDir ?? defaultTemplatesDir()));
    return { db, similar, templatesDir: opts.templatesDir, close: () => db.close() };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

export async function health(store: FederationStore): Promise<Health> {
  return { ok: true, database: store.db.kind, schemaVersion: await schemaVersion(store.db) };
}

export function addUser(store: FederationStore, user: NewUser) {
  return addUserTo(store.db, user);
}

export async function startFederationServer(opts: { store: FederationStore } & ListenOptions): Promise<RunningServer> {
  const dispatch = createFederationDispatch({ db: opts.store.db, similar: opts.store.similar, templatesDir: opts.store.templatesDir });
  return listen(dispatch, () => health(opts.store), opts);
}

export interface ServerStatus {
  database: 'pglite' | 'postgres';
  schemaVersion: number;
  proposals: number;
  users: { name: string; district: string; role: string }[];
  lastSync: { district: string; at: string }[];
}

export async function serverStatus(store: FederationStore): Promise<ServerStatus> {
  const { db } = store;
  const [count] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM proposals');
  const lastSync = await db.query<{ district: string; at: Date }>('SELECT district, max(at) AS at FROM sync_log GROUP BY district ORDER BY district');
  return {
    database: db.kind,
    schemaVersion: await schemaVersion(db),
    proposals: Number(count?.n ?? 0),
    users: await listUsers(db),
    lastSync: lastSync.map((r) => ({ district: r.district, at: new Date(r.at).toISOString() })),
  };
}

export interface ServerImportResult {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  images: number;
}

/**
 * Import a `.shance` bundle on the server, for districts without a connection: the same records and
 * the same conflict rules as a sync, in one transaction — the whole bundle lands, or none of it.
 */
export async function importBundle(store: FederationStore, bytes: Uint8Array, by: string): Promise<ServerImportResult> {
  const source = await readBundle(bytes);
  const result: ServerImportResult = { added: 0, updated: 0, unchanged: 0, conflicts: 0, images: 0 };
  const landed = await store.db.transaction(async (tx) => {
    for (const [sha, img] of source.images) if (await putImage(tx, sha, img.meta.mime, Buffer.from(img.data).toString('base64'))) result.images += 1;
    const out = [];
    for (const p of source.proposals) {
      if (!districtSchema.safeParse(p.district).success) {
        throw new AppError('BUNDLE_INVALID', `项目「${p.title || p.id}」的区县「${p.district || '未填写'}」不是重庆市的区县名称，无法归入总会项目库。未导入任何内容`);
      }
      const r = await applyProposal(tx, p, null, by, p.district);
      if (r.status === 'rejected') throw new AppError('BUNDLE_INVALID', `${r.message}。未导入任何内容`);
      if (r.status === 'accepted') result[r.rev === 1 ? 'added' : 'updated'] += 1;
      else if (r.status === 'unchanged') result.unchanged += 1;
      else result.conflicts += 1;
      out.push(r.status === 'conflict' ? r.current.proposal : p);
    }
    return out;
  });
  for (const p of landed) store.similar.put(p);
  return result;
}
