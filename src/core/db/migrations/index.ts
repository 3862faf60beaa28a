import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { m001Proposals } from './001-proposals';
import { m002ImagesAndTrash } from './002-images-and-trash';
import { m003Search } from './003-search';
import { m004RulePacks } from './004-rule-packs';
import { m005Handbook } from './005-handbook';
import { m006Dedupe } from './006-dedupe';
import { m007DisclosureCadence } from './007-disclosure-cadence';
import { m008DedupeLastReport } from './008-dedupe-last-report';
import { m009Sync } from './009-sync';
import { m010Donations } from './010-donations';
import { m011Review } from './011-review';
import { m012ReviewServer } from './012-review-server';
import type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  m001Proposals,
  m002ImagesAndTrash,
  m003Search,
  m004RulePacks,
  m005Handbook,
  m006Dedupe,
  m007DisclosureCadence,
  m008DedupeLastReport,
  m009Sync,
  m010Donations,
  m011Review,
  m012ReviewServer,
];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersionOf(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the database to the latest version: every pending step in one transaction, so a failure
 * leaves the file exactly as it was. A database written by a newer ShanCe is refused untouched.
 */
export function assertNotFromFuture(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = schemaVersionOf(db);
  if (current > latest) {
    throw new AppError(
      'DB_TOO_NEW',
      `该项目库由更新版本的善策创建（数据库版本 ${current}，本程序支持到 ${latest}）。为保护数据，未做任何修改。请升级善策后再打开。`,
    );
  }
}

export function updateSchema(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  assertNotFromFuture(db, migrations);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = schemaVersionOf(db);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const step of pending) {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }
  }).immediate();
  return latest;
}
