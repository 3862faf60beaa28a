import { join } from 'node:path';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { GuidanceChanges, PackageChanges } from '../../shared/handbook/changes';
import { handbookPackageSchema, type ChangelogEntry, type HandbookPackage } from '../../shared/handbook/schema';
import type { Db } from '../db/open';
import { changelogBetween, guidanceDiff, packageDiff } from './diff';
import { folderSignature, packageJson, packageSha, readHandbookFolder, readHandbookUpload } from './readPackage';
import { compareVersions } from '../util/versions';
import { checkpoint } from '../jobs/progress';

export type HandbookSource = 'files' | 'import';

export interface CurrentHandbook {
  pkg: HandbookPackage;
  sha256: string;
  source: HandbookSource;
  /** Things the trainer should know, e.g. the files are broken and an older version is in use. */
  warnings: string[];
}

export interface StoredVersion {
  version: string;
  date: string;
  sha256: string;
  source: HandbookSource;
  addedAt: string;
}

export interface ImportOutcome {
  version: string;
  previousVersion: string | null;
  imported: boolean;
  unchanged: boolean;
  dryRun: boolean;
  message: string;
  changes: PackageChanges;
  changelog: ChangelogEntry[];
}

interface Row {
  version: string;
  sha256: string;
  source: HandbookSource;
  date: string;
  added_at: string;
}

/**
 * The handbook the program uses, over one library. The current handbook is the newer of the
 * files in templates/handbook/ (edited by a trainer) and the latest package imported in the app.
 * Every version seen is stored in the library, so a proposal's guidance can be compared with the
 * version it started from after the files or imports have moved on.
 */
export class HandbookService {
  private folder: { signature: string; pkg: HandbookPackage | null; sha256: string; error: AppError | null } | null = null;
  private readonly parsed = new Map<string, HandbookPackage>();

  constructor(
    readonly dir: string,
    private readonly db: Db,
  ) {}

  static forTemplates(templatesDir: string, db: Db): HandbookService {
    return new HandbookService(join(templatesDir, 'handbook'), db);
  }

  /** The folder's package, read again only when a file in it changed. */
  private fromFolder(): { pkg: HandbookPackage; sha256: string } | AppError {
    const signature = folderSignature(this.dir);
    if (!this.folder || this.folder.signature !== signature) {
      try {
        const pkg = readHandbookFolder(this.dir);
        const sha256 = packageSha(pkg);
        this.store(pkg, sha256, 'files');
        this.folder = { signature, pkg, sha256, error: null };
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        this.folder = { signature, pkg: null, sha256: '', error: e };
      }
    }
    return this.folder.pkg ? { pkg: this.folder.pkg, sha256: this.folder.sha256 } : this.folder.error!;
  }

  private store(pkg: HandbookPackage, sha256: string, source: HandbookSource): void {
    this.db
      .prepare('INSERT OR IGNORE INTO handbook_versions (version, sha256, source, date, added_at, json) VALUES (?, ?, ?, ?, ?, ?)')
      .run(pkg.version, sha256, source, pkg.date, new Date().toISOString(), packageJson(pkg));
    this.parsed.set(sha256, pkg);
  }

  private load(sha256: string): HandbookPackage | null {
    const cached = this.parsed.get(sha256);
    if (cached) return cached;
    const row = this.db.prepare('SELECT json FROM handbook_versions WHERE sha256 = ? LIMIT 1').get(sha256) as { json: string } | undefined;
    if (!row) return null;
    // Stored versions were checked when they came in; parsing again fills defaults added since.
    const pkg = handbookPackageSchema.parse(JSON.parse(row.json));
    this.parsed.set(sha256, pkg);
    return pkg;
  }

  private rows(where = '', ...params: unknown[]): Row[] {
    return this.db.prepare(`SELECT version, sha256, source, date, added_at FROM handbook_versions ${where}`).all(...params) as Row[];
  }

  current(): CurrentHandbook {
    const files = this.fromFolder();
    const imports = this.rows("WHERE source = 'import' ORDER BY added_at DESC, rowid DESC LIMIT 1");
    const latestImport = imports[0];
    const warnings: string[] = [];
    if (files instanceof AppError) {
      warnings.push(`手册文件夹中的文件有错误，暂未采用：${files.message}`, ...files.details);
      // The newest version this library has used, imported or read from good files earlier.
      const fallback = [...imports, ...this.rows("WHERE source = 'files'")].sort(
        (a, b) => compareVersions(b.version, a.version) || b.added_at.localeCompare(a.added_at),
      )[0];
      if (!fallback) throw files;
      warnings.push(`当前使用${fallback.source === 'import' ? '导入' : '上次有效'}的手册 ${fallback.version} 版`);
      return { pkg: this.load(fallback.sha256)!, sha256: fallback.sha256, source: fallback.source, warnings };
    }
    if (latestImport && latestImport.sha256 !== files.sha256) {
      const order = compareVersions(latestImport.version, files.pkg.version);
      if (order >= 0) {
        if (order === 0) warnings.push(`手册文件与导入的手册版本号相同（${files.pkg.version}）但内容不同，当前使用导入的版本。修改文件后请提高版本号。`);
        return { pkg: this.load(latestImport.sha256)!, sha256: latestImport.sha256, source: 'import', warnings };
      }
    }
    return { pkg: files.pkg, sha256: files.sha256, source: 'files', warnings };
  }

  /** The earliest stored text of a version: what was in use when a proposal started from it. */
  private byVersion(version: string): HandbookPackage | null {
    const row = this.rows('WHERE version = ? ORDER BY added_at ASC, rowid ASC LIMIT 1', version)[0];
    return row ? this.load(row.sha256) : null;
  }

  versions(): (StoredVersion & { current: boolean })[] {
    const cur = this.current();
    return this.rows()
      .sort((a, b) => compareVersions(b.version, a.version) || b.added_at.localeCompare(a.added_at))
      .map((r) => ({ version: r.version, date: r.date, sha256: r.sha256, source: r.source, addedAt: r.added_at, current: r.sha256 === cur.sha256 }));
  }

  /**
   * Check a package completely, compare it with the current one and (unless dryRun) store it as
   * the new current handbook. All or nothing: on any problem nothing is stored.
   */
  import(bytes: Uint8Array, dryRun: boolean): ImportOutcome {
    checkpoint('正在读取手册', 0, 1);
    const pkg = readHandbookUpload(bytes);
    const sha256 = packageSha(pkg);
    let cur: CurrentHandbook | null = null;
    try {
      cur = this.current();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
    const base = {
      version: pkg.version,
      previousVersion: cur?.pkg.version ?? null,
      dryRun,
      changes: packageDiff(cur?.pkg ?? null, pkg),
      changelog: changelogBetween(pkg.changelog, cur?.pkg.version ?? null, pkg.version),
    };
    if (cur && cur.sha256 === sha256) {
      return { ...base, imported: false, unchanged: true, message: `手册 ${pkg.version} 版已是当前版本，内容相同，无需导入` };
    }
    if (cur && compareVersions(pkg.version, cur.pkg.version) <= 0) {
      throw new AppError(
        'CONFLICT',
        `导入的手册版本 ${pkg.version} 不高于当前版本 ${cur.pkg.version}。请在 handbook.json 中提高版本号（version），并在修订记录（changelog）中写明这一版改了什么。未做任何更改。`,
      );
    }
    const reused = this.rows('WHERE version = ? AND sha256 != ?', pkg.version, sha256);
    if (reused.length > 0) {
      throw new AppError('CONFLICT', `版本号 ${pkg.version} 已被另一份内容不同的手册使用过，请换一个更高的版本号。未做任何更改。`);
    }
    if (!dryRun) {
      this.db.transaction(() => {
        this.store(pkg, sha256, 'import');
        // The last moment a 取消 can still roll the whole import back.
        checkpoint('正在导入手册', 1, 1);
      })();
    }
    return {
      ...base,
      imported: !dryRun,
      unchanged: false,
      message: dryRun
        ? `手册包检查通过：${pkg.version} 版（当前 ${cur?.pkg.version ?? '无'}），尚未导入`
        : `已导入手册 ${pkg.version} 版，替换 ${cur?.pkg.version ?? '无'} 版。已有项目仍记录各自依据的版本。`,
    };
  }

  acknowledge(proposalId: string): { proposalId: string; version: string } {
    const cur = this.current();
    this.db
      .prepare(
        `INSERT INTO handbook_acks (proposal_id, version, sha256, acked_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (proposal_id) DO UPDATE SET version = excluded.version, sha256 = excluded.sha256, acked_at = excluded.acked_at`,
      )
      .run(proposalId, cur.pkg.version, cur.sha256, new Date().toISOString());
    return { proposalId, version: cur.pkg.version };
  }

  private acknowledged(proposalId: string): { version: string; sha256: string } | undefined {
    return this.db.prepare('SELECT version, sha256 FROM handbook_acks WHERE proposal_id = ?').get(proposalId) as
      | { version: string; sha256: string }
      | undefined;
  }

  /** What changed in the guidance that applies to this proposal since it started or was last acknowledged. */
  changesFor(p: Proposal): GuidanceChanges {
    const cur = this.current();
    const to = { version: cur.pkg.version, date: cur.pkg.date };
    const ack = this.acknowledged(p.id);
    const basis = ack ? 'acknowledged' : p.template ? 'template' : null;
    if (!basis) {
      return {
        from: null,
        to,
        changed: false,
        message: '该项目没有记录所依据的手册版本。阅读当前手册后可点“已阅读”，之后的修订会在这里提示。',
        changelog: [],
        steps: [],
      };
    }
    const fromVersion = ack?.version ?? p.template!.version;
    const fromPkg = ack ? this.load(ack.sha256) : this.byVersion(fromVersion);
    const changelog = changelogBetween(cur.pkg.changelog, fromVersion, cur.pkg.version);
    const label = basis === 'acknowledged' ? '上次确认阅读的' : '创建时依据的';
    if (!fromPkg) {
      const newer = compareVersions(cur.pkg.version, fromVersion) > 0;
      return {
        from: { version: fromVersion, date: null, known: false, basis },
        to,
        changed: newer,
        message: newer
          ? `手册已从 ${fromVersion} 版更新到 ${cur.pkg.version} 版。本机没有 ${fromVersion} 版的内容，只能列出修订说明。`
          : `本机没有 ${fromVersion} 版手册的内容，无法比较。`,
        changelog,
        steps: [],
      };
    }
    const steps = guidanceDiff(fromPkg, cur.pkg, p.template?.id ?? null);
    const sameText = ack ? ack.sha256 === cur.sha256 : false;
    return {
      from: { version: fromVersion, date: fromPkg.date, known: true, basis },
      to,
      changed: steps.length > 0 && !sameText,
      message:
        steps.length > 0 && !sameText
          ? `手册已从${label} ${fromVersion} 版更新到 ${cur.pkg.version} 版，有 ${steps.length} 个步骤中与本项目有关的指导发生了变化。`
          : `自${label} ${fromVersion} 版以来，与本项目有关的指导没有变化。`,
      changelog,
      steps: sameText ? [] : steps,
    };
  }
}
