import type { ServerMigration } from './migrations';

/**
 * Version 5: proposals' documents are stored uncompressed. Every push writes a proposal of about
 * 20 KB three times (the jsonb the server queries, the text pulls send as stored, and the revision),
 * and compressing Chinese JSON saves little space while it costs a quarter of each write's time; on
 * PGlite, where all 42 desks' syncs queue on one thread, that time is what they wait for. Applies to
 * values written from now on; the ones stored stay as they are and read the same.
 */
export const storageMigration: ServerMigration = {
  version: 5,
  name: 'sync: proposal documents stored uncompressed, cheaper to write on every push',
  async up(tx) {
    await tx.query(`ALTER TABLE proposals ALTER COLUMN doc SET STORAGE EXTERNAL, ALTER COLUMN doc_text SET STORAGE EXTERNAL`);
    await tx.query(`ALTER TABLE proposal_revisions ALTER COLUMN doc SET STORAGE EXTERNAL`);
  },
};
