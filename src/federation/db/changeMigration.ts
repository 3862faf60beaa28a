import type { ServerMigration } from './migrations';

/**
 * Version 4: each proposal keeps what its current revision changed (`change_text`, the JSON of a
 * shared/federation/change.ts change) and the change number at which the revision it was taken from
 * became current (`change_base_seq`). A desk that pulled up to that number holds the base, so a pull
 * sends it the change instead of the whole proposal. Null for a first revision, for rows written
 * before this version, and when the change is not much smaller than the proposal.
 */
export const changeMigration: ServerMigration = {
  version: 4,
  name: 'sync: proposals keep what their current revision changed, sent to desks that hold the one before',
  async up(tx) {
    await tx.query(`ALTER TABLE proposals ADD COLUMN change_text text`);
    await tx.query(`ALTER TABLE proposals ADD COLUMN change_base_seq bigint`);
  },
};
