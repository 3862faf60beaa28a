import { AppError } from '../../shared/errors';
import { reviewMigration } from './reviewMigration';
import { syncMigration } from './syncMigration';
import { changeMigration } from './changeMigration';
import { storageMigration } from './storageMigration';
import { docMigration } from './docMigration';
import type { Database, Sql } from './sql';

export interface ServerMigration {
  version: number;
  name: string;
  up(tx: Sql): Promise<void>;
}

/**
 * The server's schema, one step per version, as the desktop's are. SQL here must run on PGlite and
 * on PostgreSQL 15+. `change_counter` is a single row every write transaction bumps: its row lock
 * makes writers commit in the order of the sequence numbers they take, so a reader paging by
 * `seq > cursor` can never skip a change that commits late.
 */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  {
    version: 1,
    name: 'accounts, sessions, audit, proposals, images, published packs and handbooks',
    async up(tx) {
      await tx.query(`
        CREATE TABLE users (
          name            text PRIMARY KEY,
          district        text NOT NULL,
          role            text NOT NULL,
          password_hash   text NOT NULL,
          created_at      timestamptz NOT NULL DEFAULT now(),
          failed_logins   integer NOT NULL DEFAULT 0,
          locked_until    timestamptz
        )`);
      await tx.query(`
        CREATE TABLE sessions (
          token_hash  text PRIMARY KEY,
          user_name   text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
          created_at  timestamptz NOT NULL DEFAULT now(),
          expires_at  timestamptz NOT NULL
        )`);
      await tx.query(`
        CREATE TABLE audit (
          id          bigserial PRIMARY KEY,
          at          timestamptz NOT NULL DEFAULT now(),
          user_name   text,
          action      text NOT NULL,
          target      text NOT NULL DEFAULT '',
          outcome     text NOT NULL,
          detail      text NOT NULL DEFAULT ''
        )`);
      await tx.query(`CREATE TABLE change_counter (one boolean PRIMARY KEY DEFAULT true CHECK (one), seq bigint NOT NULL)`);
      await tx.query(`INSERT INTO change_counter (seq) VALUES (0)`);
      await tx.query(`
        CREATE TABLE proposals (
          id          text PRIMARY KEY,
          district    text NOT NULL,
          rev         integer NOT NULL,
          hash        text NOT NULL,
          status      text NOT NULL,
          title       text NOT NULL,
          doc         jsonb NOT NULL,
          updated_by  text NOT NULL,
          updated_at  timestamptz NOT NULL,
          seq         bigint NOT NULL
        )`);
      await tx.query(`CREATE INDEX proposals_seq ON proposals (seq)`);
      await tx.query(`
        CREATE TABLE proposal_revisions (
          proposal_id text NOT NULL,
          rev         integer NOT NULL,
          hash        text NOT NULL,
          doc         jsonb NOT NULL,
          by_user     text NOT NULL,
          at          timestamptz NOT NULL,
          PRIMARY KEY (proposal_id, rev)
        )`);
      await tx.query(`
        CREATE TABLE conflicts (
          id          bigserial PRIMARY KEY,
          proposal_id text NOT NULL,
          district    text NOT NULL,
          hash        text NOT NULL,
          doc         jsonb NOT NULL,
          by_user     text NOT NULL,
          at          timestamptz NOT NULL,
          seq         bigint NOT NULL
        )`);
      await tx.query(`CREATE INDEX conflicts_seq ON conflicts (seq)`);
      await tx.query(`
        CREATE TABLE images (
          sha256      text PRIMARY KEY,
          mime        text NOT NULL,
          bytes       integer NOT NULL,
          data        bytea NOT NULL,
          created_at  timestamptz NOT NULL DEFAULT now()
        )`);
      await tx.query(`
        CREATE TABLE rule_packs (
          pack_id         text NOT NULL,
          version         text NOT NULL,
          effective_date  text NOT NULL,
          doc             jsonb NOT NULL,
          published_by    text NOT NULL,
          published_at    timestamptz NOT NULL,
          seq             bigint NOT NULL,
          PRIMARY KEY (pack_id, version)
        )`);
      await tx.query(`
        CREATE TABLE handbooks (
          version       text PRIMARY KEY,
          package       bytea NOT NULL,
          published_by  text NOT NULL,
          published_at  timestamptz NOT NULL,
          seq           bigint NOT NULL
        )`);
      await tx.query(`
        CREATE TABLE sync_log (
          user_name   text PRIMARY KEY,
          district    text NOT NULL,
          at          timestamptz NOT NULL
        )`);
    },
  },
  reviewMigration,
  syncMigration,
  changeMigration,
  storageMigration,
  docMigration,
];

export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS[SERVER_MIGRATIONS.length - 1]!.version;

async function currentVersion(db: Sql): Promise<number> {
  await db.query(`CREATE TABLE IF NOT EXISTS shance_schema (one boolean PRIMARY KEY DEFAULT true CHECK (one), version integer NOT NULL)`);
  const rows = await db.query<{ version: number }>('SELECT version FROM shance_schema');
  return rows[0]?.version ?? 0;
}

/** The refusal of a database a newer server has migrated: nothing in it is changed. */
function tooNew(found: number, latest: number): AppError {
  return new AppError(
    'DB_TOO_NEW',
    `该数据库由更新版本的善策总会服务器创建（数据库版本 ${found}，本程序支持到 ${latest}）。为保护数据，未做任何修改。请升级善策后再启动。`,
  );
}

/**
 * Bring the database to the latest schema, every pending step in one transaction. A database from a
 * newer ShanCe server is refused before anything is changed (the version table is only created on
 * an empty database, which a newer server's database is not).
 */
export async function migrate(db: Database, migrations: readonly ServerMigration[] = SERVER_MIGRATIONS): Promise<number> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const existing = await db.query<{ version: number }>(
    `SELECT version FROM shance_schema WHERE to_regclass('shance_schema') IS NOT NULL`,
  ).catch(() => [] as { version: number }[]);
  const found = existing[0]?.version ?? 0;
  if (found > latest) throw tooNew(found, latest);
  return db.transaction(async (tx) => {
    // Two servers starting on one database: the second waits here and then finds nothing to do.
    await tx.query('SELECT pg_advisory_xact_lock(724519)');
    const current = await currentVersion(tx);
    // A newer server may have migrated it between the look above and this lock.
    if (current > latest) throw tooNew(current, latest);
    if (current === 0) await tx.query('INSERT INTO shance_schema (version) VALUES (0)');
    for (const step of migrations.filter((m) => m.version > current)) {
      await step.up(tx);
      await tx.query('UPDATE shance_schema SET version = $1', [step.version]);
    }
    return latest;
  });
}

export async function schemaVersion(db: Sql): Promise<number> {
  const rows = await db.query<{ version: number }>('SELECT version FROM shance_schema');
  return rows[0]?.version ?? 0;
}
