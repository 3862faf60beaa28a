import type { Migration } from './types';

export const m002ImagesAndTrash: Migration = {
  version: 2,
  name: 'images in the database; deleted proposals kept in a trash',
  up(db) {
    db.exec(`
      CREATE TABLE images (
        sha256     TEXT PRIMARY KEY,
        mime       TEXT NOT NULL,
        width      INTEGER NOT NULL,
        height     INTEGER NOT NULL,
        bytes      INTEGER NOT NULL,
        data       BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      ALTER TABLE proposals ADD COLUMN deleted_at TEXT;
    `);
  },
};
