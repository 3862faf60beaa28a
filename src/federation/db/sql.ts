import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What every part of the server needs from a database: parameterised queries and transactions. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * One interface over the two databases the server runs on: PGlite (PostgreSQL compiled to WASM,
 * in-process, the embedded default) and a real PostgreSQL server through node-postgres. The SQL the
 * server writes is what both accept, so the same code and migrations serve both.
 */
export interface Database extends Sql {
  readonly kind: DatabaseKind;
  /** Run `fn` in one transaction: all of its writes or none of them. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  // PGlite has one connection; transactions queue behind each other, which is what we want.
  constructor(private readonly db: PGlite) {}

  async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(text, params as unknown[])).rows;
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => fn({ query: async <R>(text: string, params: readonly unknown[] = []) => (await tx.query<R>(text, params as unknown[])).rows }));
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}

class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.pool.query(text, params as unknown[])).rows as T[];
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn({ query: async <R>(text: string, params: readonly unknown[] = []) => (await client.query(text, params as unknown[])).rows as R[] });
      await client.query('COMMIT');
      return value;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

// node-postgres hands int8 (bigint, count(*)) back as strings; the server's counters fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** `dataDir` is a folder for PGlite ('memory://' for a throwaway one); `url` a postgres:// address. */
export async function connect(target: { dataDir: string } | { url: string }): Promise<Database> {
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection that the database closes (a restart, an administrator) must not take the
    // server down: the pool drops it and opens another on the next query.
    pool.on('error', (e) => console.error(`PostgreSQL 连接中断：${e.message}`));
    // Fail now, with the address, rather than on the first request.
    await pool.query('SELECT 1');
    return new PostgresDatabase(pool);
  }
  if (!target.dataDir.startsWith('memory://')) mkdirSync(target.dataDir, { recursive: true });
  const db = new PGlite(target.dataDir);
  await db.waitReady;
  return new PgliteDatabase(db);
}
