import type { PackInfo, PackVersionInfo } from '../../shared/api/methods/rules';
import { platformLabel } from '../../shared/domain/catalog';
import type { RulePack } from '../../shared/rules/pack';
import { AppError, isAppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { sha256Hex } from '../library/images';
import { loadPackDir, parseJsonText, parsePack } from './load';
import { compareVersions, inEffect } from '../util/versions';
import { chongqingToday } from './dates';
import { checkpoint } from '../jobs/progress';

interface Row {
  pack_id: string;
  version: string;
  imported_at: string;
  json: string;
}

interface Stored {
  pack: RulePack;
  origin: 'shipped' | 'imported';
  importedAt: string | null;
}

const canonical = (p: RulePack) => JSON.stringify(p);
const packLabel = (id: string) => (id === 'legal' ? '法律通用规则' : platformLabel(id));

export interface ImportedVersion {
  id: RulePack['id'];
  version: string;
  status: 'added' | 'unchanged';
  active: boolean;
  effectiveDate: string;
}

/**
 * Every version of every rule pack: the shipped files (templates/rules) are the baseline; versions
 * a user imports live in the library database beside them, and old versions are never deleted.
 * The active version of a pack is the newest already in effect (its effective date reached), unless
 * the user pinned another: importing a version effective 2026-12-01 on 2026-11-30 keeps the old one
 * active until then, and `info` says when the new one takes over.
 */
export class RulePackStore {
  private shippedCache: RulePack[] | null = null;
  private snap: { key: string; byId: Map<string, Stored[]>; pins: Map<string, string> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly shippedDir: string,
    /** Today as YYYY-MM-DD; a parameter so that tests can stand on a given day. */
    private readonly today: () => string = () => chongqingToday(),
  ) {}

  shipped(): RulePack[] {
    this.shippedCache ??= loadPackDir(this.shippedDir);
    return this.shippedCache;
  }

  /**
   * Identifies the stored versions and pins. Versions are only ever added, so their count and the
   * latest import time change with every import, including one by another process (the CLI).
   */
  get revision(): string {
    const row = this.db
      .prepare(
        `SELECT (SELECT count(*) || '/' || ifnull(max(imported_at), '') FROM rule_pack_versions) || '/' ||
                (SELECT ifnull(group_concat(pack_id || '=' || version, ','), '') FROM rule_pack_pins) AS key`,
      )
      .get() as { key: string };
    return row.key;
  }

  /** Every version of every pack, parsed once per revision so compiled packs are reused. */
  private snapshot(): { byId: Map<string, Stored[]>; pins: Map<string, string> } {
    const key = this.revision;
    if (this.snap?.key === key) return this.snap;
    const byId = new Map<string, Stored[]>();
    const add = (s: Stored) => byId.set(s.pack.id, [...(byId.get(s.pack.id) ?? []), s]);
    for (const pack of this.shipped()) add({ pack, origin: 'shipped', importedAt: null });
    const rows = this.db.prepare('SELECT pack_id, version, imported_at, json FROM rule_pack_versions ORDER BY pack_id').all() as Row[];
    for (const r of rows) {
      add({ pack: parsePack(JSON.parse(r.json), `${r.pack_id} ${r.version}（项目库中保存的版本）`, { fromLibrary: true }), origin: 'imported', importedAt: r.imported_at });
    }
    for (const list of byId.values()) list.sort((a, b) => compareVersions(b.pack.version, a.pack.version));
    const pins = new Map(
      (this.db.prepare('SELECT pack_id, version FROM rule_pack_pins').all() as { pack_id: string; version: string }[]).map((r) => [r.pack_id, r.version]),
    );
    this.snap = { key, byId, pins };
    return this.snap;
  }

  /** Every version of one pack, newest first. */
  private all(id: string): Stored[] {
    return this.snapshot().byId.get(id) ?? [];
  }

  private pinOf(id: string): string | null {
    return this.snapshot().pins.get(id) ?? null;
  }

  /** Pack ids known here: the legal pack first, then the shipped ones in file order, then any only imported. */
  ids(): RulePack['id'][] {
    const ids = [...this.snapshot().byId.keys()] as RulePack['id'][];
    return ids.sort((a, b) => (a === 'legal' ? -1 : b === 'legal' ? 1 : 0));
  }

  get(id: string, version?: string): RulePack {
    const versions = this.all(id);
    if (versions.length === 0) throw new AppError('NOT_FOUND', `没有「${packLabel(id)}」的规则包`);
    if (version === undefined) return this.active(id);
    const found = versions.find((v) => compareVersions(v.pack.version, version) === 0);
    if (!found) throw new AppError('NOT_FOUND', `「${packLabel(id)}」规则包没有 ${version} 版`);
    return found.pack;
  }

  active(id: string): RulePack {
    const versions = this.all(id);
    if (versions.length === 0) throw new AppError('NOT_FOUND', `没有「${packLabel(id)}」的规则包`);
    const pin = this.pinOf(id);
    const pinned = pin !== null ? versions.find((v) => v.pack.version === pin) : undefined;
    if (pinned) return pinned.pack;
    return inEffect(versions, this.today())!.pack;
  }

  /** A newer version waiting for its effective date, which will then replace the active one. */
  upcoming(id: string): { version: string; effectiveDate: string } | null {
    if (this.pinOf(id) !== null) return null;
    const active = this.active(id);
    const today = this.today();
    const waiting = this.all(id)
      .filter((v) => compareVersions(v.pack.version, active.version) > 0 && v.pack.effectiveDate > today)
      .sort((a, b) => a.pack.effectiveDate.localeCompare(b.pack.effectiveDate) || compareVersions(b.pack.version, a.pack.version));
    const next = waiting[0];
    return next ? { version: next.pack.version, effectiveDate: next.pack.effectiveDate } : null;
  }

  /** The active version of every pack, legal first. */
  activePacks(): RulePack[] {
    return this.ids().map((id) => this.active(id));
  }

  info(id: string): PackInfo {
    const versions = this.all(id);
    const active = this.active(id);
    return {
      id: active.id,
      name: active.name,
      activeVersion: active.version,
      pinnedVersion: this.pinOf(id),
      upcoming: this.upcoming(id),
      versions: versions.map(
        ({ pack, origin, importedAt }): PackVersionInfo => ({
          version: pack.version,
          effectiveDate: pack.effectiveDate,
          origin,
          importedAt,
          summary: pack.changelog.find((c) => c.version === pack.version)?.summary ?? '',
          ruleCount: pack.rules.length,
          active: pack.version === active.version,
          pending: pack.effectiveDate > this.today(),
        }),
      ),
    };
  }

  list(): PackInfo[] {
    return this.ids().map((id) => this.info(id));
  }

  /**
   * Import pack versions from JSON text (one pack, or an array of packs). Everything is checked
   * first; then all are stored in one transaction, or (on any problem) none.
   */
  import(text: string, where = '导入的规则包'): ImportedVersion[] {
    const raw = parseJsonText(text, where);
    if (!Array.isArray(raw)) return this.importParsed([{ raw, where }]);
    return this.importParsed(raw.map((item, i) => ({ raw: item, where: `${where} 第 ${i + 1} 个` })));
  }

  /** Import already-read packs (from several files, say) as one all-or-nothing step. */
  importParsed(items: readonly { raw: unknown; where: string }[]): ImportedVersion[] {
    if (items.length === 0) throw new AppError('FILE_INVALID', '没有要导入的规则包');
    const problems: string[] = [];
    const packs: RulePack[] = [];
    for (const [i, { raw, where }] of items.entries()) {
      // Compiling a pack's patterns (and refusing nested quantifiers) is the slow part of an import.
      checkpoint('正在检查规则包', i, items.length);
      try {
        packs.push(parsePack(raw, namedWhere(raw, where)));
      } catch (e) {
        if (!isAppError(e)) throw e;
        problems.push(e.message, ...e.details.slice(1).map((d) => `  ${d}`));
      }
    }
    const plans: { pack: RulePack; status: 'added' | 'unchanged' }[] = [];
    const seen = new Set<string>();
    for (const pack of packs) {
      const key = `${pack.id}@${pack.version}`;
      if (seen.has(key)) {
        problems.push(`「${packLabel(pack.id)}」${pack.version} 版在导入内容中出现了两次`);
        continue;
      }
      seen.add(key);
      const existing = this.all(pack.id).find((v) => compareVersions(v.pack.version, pack.version) === 0);
      if (!existing) plans.push({ pack, status: 'added' });
      else if (canonical(existing.pack) === canonical(pack)) plans.push({ pack, status: 'unchanged' });
      else {
        problems.push(
          `「${packLabel(pack.id)}」已有 ${pack.version} 版（${existing.origin === 'shipped' ? '随善策发布' : '此前导入'}），内容不同；修改后的规则包须使用新的版本号`,
        );
      }
    }
    if (problems.length > 0) {
      throw new AppError('FILE_INVALID', `规则包未导入：${problems[0]}`, problems);
    }
    const now = new Date().toISOString();
    const insert = this.db.prepare(
      'INSERT INTO rule_pack_versions (pack_id, version, effective_date, imported_at, sha256, json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const { pack, status } of plans) {
        if (status === 'added') {
          const json = canonical(pack);
          insert.run(pack.id, pack.version, pack.effectiveDate, now, sha256Hex(Buffer.from(json)), json);
        }
      }
    })();
    return plans.map(({ pack, status }) => ({
      id: pack.id,
      version: pack.version,
      status,
      active: this.active(pack.id).version === pack.version,
      effectiveDate: pack.effectiveDate,
    }));
  }

  /** Make a version the active one regardless of newer ones; null returns to the newest. */
  pin(id: string, version: string | null): PackInfo {
    if (version === null) {
      this.db.prepare('DELETE FROM rule_pack_pins WHERE pack_id = ?').run(id);
    } else {
      const pack = this.get(id, version);
      this.db.prepare('INSERT INTO rule_pack_pins (pack_id, version) VALUES (?, ?) ON CONFLICT (pack_id) DO UPDATE SET version = excluded.version').run(id, pack.version);
    }
    return this.info(id);
  }
}

/**
 * Name a pack in error messages by what it says it is (「腾讯公益 1.1.0」) rather than by where it came
 * from alone (「导入的规则包」), so a trainer importing several packs knows which one to fix.
 */
function namedWhere(raw: unknown, where: string): string {
  if (typeof raw !== 'object' || raw === null) return where;
  const { name, version } = raw as { name?: unknown; version?: unknown };
  if (typeof name !== 'string' || name.trim() === '' || name.length > 50) return where;
  const label = typeof version === 'string' && version.length <= 20 ? `${name.trim()} ${version}` : name.trim();
  return where === '导入的规则包' ? label : `${label}，${where}`;
}
