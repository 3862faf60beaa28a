import { AppError } from '../shared/errors';
import type { FederationUser } from '../shared/federation/contract';
import type { RulePack } from '../shared/rules/pack';
import { readHandbookUpload } from '../core/handbook/readPackage';
import { parsePack } from '../core/rules/load';
import { nextSeq } from './db/changes';
import type { Database } from './db/sql';

/**
 * Publish a rule pack version to every desk. It is checked exactly as a desk's import checks it;
 * the same id and version can be published once (a changed pack needs a new version number).
 */
export async function publishPack(db: Database, user: FederationUser, raw: RulePack): Promise<{ id: string; version: string; effectiveDate: string }> {
  const pack = parsePack(raw, `${raw.name} ${raw.version}`);
  await db.transaction(async (tx) => {
    const existing = await tx.query('SELECT 1 FROM rule_packs WHERE pack_id = $1 AND version = $2', [pack.id, pack.version]);
    if (existing.length > 0) throw new AppError('CONFLICT', `规则包「${pack.name}」的 ${pack.version} 版已经发布过。修改后请提高版本号再发布`);
    const seq = await nextSeq(tx);
    await tx.query(
      'INSERT INTO rule_packs (pack_id, version, effective_date, doc, published_by, published_at, seq) VALUES ($1, $2, $3, $4::jsonb, $5, now(), $6)',
      [pack.id, pack.version, pack.effectiveDate, JSON.stringify(pack), user.name, seq],
    );
  });
  return { id: pack.id, version: pack.version, effectiveDate: pack.effectiveDate };
}

/** Publish a handbook package (zip or JSON bytes), checked in full as the 手册 screen's import checks it. */
export async function publishHandbook(db: Database, user: FederationUser, version: string, packageBase64: string): Promise<{ version: string }> {
  const bytes = Buffer.from(packageBase64, 'base64');
  const pkg = readHandbookUpload(bytes);
  if (pkg.version !== version) throw new AppError('INVALID_INPUT', `手册包内的版本号是 ${pkg.version}，与发布时填写的 ${version} 不一致`);
  await db.transaction(async (tx) => {
    const existing = await tx.query('SELECT 1 FROM handbooks WHERE version = $1', [version]);
    if (existing.length > 0) throw new AppError('CONFLICT', `手册 ${version} 版已经发布过。修改后请提高版本号再发布`);
    const seq = await nextSeq(tx);
    await tx.query('INSERT INTO handbooks (version, package, published_by, published_at, seq) VALUES ($1, $2, $3, now(), $4)', [version, bytes, user.name, seq]);
  });
  return { version };
}
