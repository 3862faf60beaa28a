import type { Database } from 'better-sqlite3';

/** One step of the schema. Steps are never edited once released: a change is a new step. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
