import type { ServerMigration } from './migrations';

/**
 * Version 3: what a pull sends is kept ready. `doc_text` is each proposal's JSON as it was parsed on
 * arrival, written once at push time and spliced into pull answers as it is: with 42 desks syncing
 * at once the server had been turning the same ~40 fresh proposals from jsonb into objects and back
 * into JSON for every desk. `deleted_at` marks a proposal its district moved to the trash: a
 * tombstone that travels to the desks and is lifted when the district restores it. An account an
 * administrator disabled keeps its name and history but cannot log in (`users.disabled_at`).
 */
export const syncMigration: ServerMigration = {
  version: 3,
  name: 'sync: proposals keep their JSON text for pulls; deletions are tombstones; accounts can be disabled',
  async up(tx) {
    await tx.query(`ALTER TABLE proposals ADD COLUMN doc_text text`);
    // jsonb's own text: the same object (keys in jsonb's order), which is all a desk needs.
    await tx.query(`UPDATE proposals SET doc_text = doc::text`);
    await tx.query(`ALTER TABLE proposals ALTER COLUMN doc_text SET NOT NULL`);
    await tx.query(`ALTER TABLE proposals ADD COLUMN deleted_at timestamptz`);
    await tx.query(`ALTER TABLE users ADD COLUMN disabled_at timestamptz`);
  },
};
