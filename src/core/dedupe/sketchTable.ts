import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import { SKETCH_SIZE } from './sketch';

/**
 * The stored sketches. Each row says which basis (sketch version and boilerplate) it was computed
 * with; a row of another basis is stale. A proposal too short to compare has an empty sketch, so it
 * is not recomputed at every check. Sketches are stored as little-endian uint32 values, the byte
 * order of every platform ShanCe runs on.
 */
export class SketchTable {
  private upsert: Statement | null = null;

  constructor(private readonly db: Db) {}

  put(id: string, basis: string, sketch: Uint32Array | null): void {
    const bytes = sketch ? Buffer.from(sketch.buffer, sketch.byteOffset, sketch.byteLength) : Buffer.alloc(0);
    // Prepared once: a library-wide backfill writes thousands of rows.
    this.upsert ??= this.db.prepare(
      `INSERT INTO dedupe_sketches (proposal_id, basis, sketch, computed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (proposal_id) DO UPDATE SET basis = excluded.basis, sketch = excluded.sketch, computed_at = excluded.computed_at`,
    );
    this.upsert.run(id, basis, bytes, new Date().toISOString());
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM dedupe_sketches WHERE proposal_id = ?').run(id);
  }

  /** The stored sketch if it is of this basis: a sketch, null (too short), or undefined (none or stale). */
  get(id: string, basis: string): Uint32Array | null | undefined {
    const row = this.db.prepare('SELECT sketch FROM dedupe_sketches WHERE proposal_id = ? AND basis = ?').get(id, basis) as
      | { sketch: Buffer }
      | undefined;
    return row === undefined ? undefined : decode(row.sketch);
  }

  /** Every stored sketch of this basis. */
  *all(basis: string): Generator<{ id: string; sketch: Uint32Array | null }> {
    const stmt = this.db.prepare('SELECT proposal_id AS id, sketch FROM dedupe_sketches WHERE basis = ?');
    for (const row of stmt.iterate(basis) as Iterable<{ id: string; sketch: Buffer }>) yield { id: row.id, sketch: decode(row.sketch) };
  }
}

function decode(bytes: Buffer): Uint32Array | null {
  if (bytes.length === 0) return null;
  if (bytes.length !== SKETCH_SIZE * 4) throw new Error(`stored sketch has ${bytes.length} bytes`);
  // Copy: a Buffer's offset need not be aligned for a Uint32Array view.
  const out = new Uint32Array(SKETCH_SIZE);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
