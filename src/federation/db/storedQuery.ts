import { createHash } from 'node:crypto';
import type { Sql } from './sql';

/**
 * A query the database keeps as a PL/pgSQL function, so that its plan is made once per connection
 * instead of on every call: PGlite parses and plans each statement it is sent, and for the pull,
 * which 42 desks send at once, that was more than a third of its cost. The function is named after
 * a hash of its text and created the first time a server calls it: changing the query needs no
 * migration, and servers of two versions on one PostgreSQL each call their own.
 */
export class StoredQuery<Row> {
  private readonly name: string;
  private readonly installed = new WeakSet<Sql>();

  /**
   * `params`: the SQL types of $1, $2, …; `returns`: the columns with their types, as in RETURNS
   * TABLE (…), which the query's must match exactly; `sql`: the query, its names meaning columns.
   */
  constructor(
    label: string,
    private readonly params: readonly string[],
    private readonly returns: string,
    private readonly sql: string,
  ) {
    const hash = createHash('sha256').update(JSON.stringify([params, returns, sql])).digest('hex').slice(0, 16);
    this.name = `shance_${label}_${hash}`;
  }

  async call(db: Sql, args: readonly unknown[]): Promise<Row[]> {
    if (args.length !== this.params.length) throw new Error(`${this.name}: ${args.length} arguments for ${this.params.length} parameters`);
    if (!this.installed.has(db)) await this.install(db);
    const placeholders = args.map((_, i) => `$${i + 1}`).join(', ');
    return db.query<Row>(`SELECT * FROM ${this.name}(${placeholders})`, args);
  }

  private async install(db: Sql): Promise<void> {
    const exists = await db.query('SELECT 1 FROM pg_proc WHERE proname = $1', [this.name]);
    if (exists.length === 0) {
      try {
        await db.query(
          `CREATE FUNCTION ${this.name}(${this.params.join(', ')}) RETURNS TABLE (${this.returns}) LANGUAGE plpgsql AS $shance$
           #variable_conflict use_column
           BEGIN RETURN QUERY ${this.sql}; END $shance$`,
        );
      } catch (e) {
        // Created meanwhile by another connection (42723), or at the same moment (23505, pg_proc's unique index).
        if (!['42723', '23505'].includes((e as { code?: string }).code ?? '')) throw e;
      }
    }
    this.installed.add(db);
  }
}
