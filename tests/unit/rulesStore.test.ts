import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src/core/db/migrations';
import { impactReport } from '../../src/core/rules/diff';
import { RulePackStore } from '../../src/core/rules/store';
import { compareVersions } from '../../src/core/util/versions';
import { isAppError, type AppError } from '../../src/shared/errors';
import { completeProposal, PACKS_DIR } from './helpers/rules';
import { tmpLibrary } from './helpers/tmp';

const shippedJson = (id: string) => JSON.parse(readFileSync(join(PACKS_DIR, `${id}.json`), 'utf8')) as Record<string, unknown> & { rules: Record<string, unknown>[]; fields: Record<string, unknown>[] };

/** The shipped tencent pack as a new version, changed by `edit`. */
function tencentVersion(version: string, edit: (p: ReturnType<typeof shippedJson>) => void = () => {}) {
  const p = shippedJson('tencent');
  p.version = version;
  p.effectiveDate = '2027-01-01';
  p.changelog = [...(p.changelog as unknown[]), { version, date: '2027-01-01', summary: `测试版本 ${version}` }];
  edit(p);
  return p;
}

/** The tests' test versions take effect on 2027-01-01; most tests stand after that day. */
const LATER = () => '2027-06-01';

function storeFor(lib: ReturnType<typeof tmpLibrary>, today = LATER) {
  return new RulePackStore(lib.db, PACKS_DIR, today);
}

const rowCount = (lib: ReturnType<typeof tmpLibrary>) => (lib.db.prepare('SELECT count(*) AS n FROM rule_pack_versions').get() as { n: number }).n;

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('rule-pack versions in the library', () => {
  it('the migration creates the tables', () => {
    const lib = tmpLibrary();
    expect(lib.schemaVersion).toBe(LATEST_VERSION);
    expect(rowCount(lib)).toBe(0);
  });

  it('versions compare numerically', () => {
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(compareVersions('2', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.0', '1')).toBe(0);
  });

  it('the shipped packs are the baseline; an imported newer version becomes active and the old one stays', () => {
    const lib = tmpLibrary();
    const store = storeFor(lib);
    expect(store.list().map((p) => p.id)[0]).toBe('legal');
    expect(store.active('tencent').version).toBe('1.0.0');

    const [r] = store.import(JSON.stringify(tencentVersion('1.1.0')));
    expect(r).toEqual({ id: 'tencent', version: '1.1.0', status: 'added', active: true, effectiveDate: '2027-01-01' });
    const info = store.info('tencent');
    expect(info.activeVersion).toBe('1.1.0');
    expect(info.versions.map((v) => [v.version, v.origin, v.active])).toEqual([
      ['1.1.0', 'imported', true],
      ['1.0.0', 'shipped', false],
    ]);
    expect(info.versions[0]!.summary).toBe('测试版本 1.1.0');
    expect(store.get('tencent', '1.0.0').version).toBe('1.0.0');

    // It survives reopening the library.
    expect(new RulePackStore(lib.db, PACKS_DIR, LATER).active('tencent').version).toBe('1.1.0');
  });

  it('a version becomes active on its effective date, not on import; the store says when it takes over', () => {
    const lib = tmpLibrary();
    let today = '2026-11-30';
    const store = storeFor(lib, () => today);
    const next = tencentVersion('1.1.0', (p) => {
      p.effectiveDate = '2026-12-01';
    });
    const [r] = store.import(JSON.stringify(next));
    expect(r).toMatchObject({ version: '1.1.0', status: 'added', active: false, effectiveDate: '2026-12-01' });
    expect(store.active('tencent').version).toBe('1.0.0');
    const info = store.info('tencent');
    expect(info.activeVersion).toBe('1.0.0');
    expect(info.upcoming).toEqual({ version: '1.1.0', effectiveDate: '2026-12-01' });
    expect(info.versions.map((v) => [v.version, v.active, v.pending])).toEqual([
      ['1.1.0', false, true],
      ['1.0.0', true, false],
    ]);
    // On the day itself it takes over, with nothing else done.
    today = '2026-12-01';
    expect(store.active('tencent').version).toBe('1.1.0');
    expect(store.info('tencent').upcoming).toBeNull();
    // A pin holds the old version, and nothing is said to be taking over.
    today = '2026-11-30';
    store.pin('tencent', '1.0.0');
    expect(store.info('tencent').upcoming).toBeNull();
  });

  it('reads stored versions once, and still sees an import made by another store (as the CLI makes one)', () => {
    const lib = tmpLibrary();
    const store = storeFor(lib);
    // The same objects come back while nothing changes, so the engine's compiled packs are reused.
    expect(store.active('tencent')).toBe(store.active('tencent'));
    const other = new RulePackStore(lib.db, PACKS_DIR, LATER);
    other.import(JSON.stringify(tencentVersion('1.3')));
    expect(store.active('tencent').version).toBe('1.3');
    other.pin('tencent', '1.0.0');
    expect(store.active('tencent').version).toBe('1.0.0');
  });

  it('an older import does not replace the active version; pinning does, and unpinning returns to the newest', () => {
    const lib = tmpLibrary();
    const store = storeFor(lib);
    const [r] = store.import(JSON.stringify(tencentVersion('0.9')));
    expect(r!.active).toBe(false);
    expect(store.active('tencent').version).toBe('1.0.0');
    expect(store.pin('tencent', '0.9').activeVersion).toBe('0.9');
    expect(store.activePacks().find((p) => p.id === 'tencent')!.version).toBe('0.9');
    expect(store.pin('tencent', null)).toMatchObject({ activeVersion: '1.0.0', pinnedVersion: null });
    expect(thrown(() => store.pin('tencent', '7.0')).message).toContain('没有 7.0 版');
  });

  it('importing the same version again with the same content changes nothing; with other content it is refused', () => {
    const lib = tmpLibrary();
    const store = storeFor(lib);
    store.import(JSON.stringify(tencentVersion('1.1.0')));
    expect(store.import(JSON.stringify(tencentVersion('1.1.0')))[0]!.status).toBe('unchanged');
    const changed = tencentVersion('1.1.0', (p) => (p.name = '腾讯公益（改）'));
    const e = thrown(() => store.import(JSON.stringify(changed)));
    expect(e.message).toContain('已有 1.1.0 版');
    expect(e.message).toContain('须使用新的版本号');
    // The shipped version cannot be overwritten either.
    expect(thrown(() => store.import(JSON.stringify(tencentVersion('1.0.0', (p) => (p.changelog = [{ version: '1.0.0', date: '2026-01-01', summary: '改' }]))))).message).toContain('随善策发布');
    expect(rowCount(lib)).toBe(1);
  });

  it('malformed packs are refused with a Chinese message naming the place, and nothing is stored', () => {
    const lib = tmpLibrary();
    const store = storeFor(lib);
    const cases: [string, string | RegExp][] = [
      ['{ "format": ', '不是有效的 JSON'],
      ['[1, 2]', '内容应为一个 JSON 对象'],
      [JSON.stringify(tencentVersion('2.0', (p) => (p.rules[0]!.kind = 'script'))), /规则（rules） 第 1 条（tencent\.budget\.sum）.*未知的规则类型/],
      [JSON.stringify(tencentVersion('2.0', (p) => delete p.rules[2]!.source)), /第 3 条（tencent\.budget\.fee） · source/],
      [JSON.stringify(tencentVersion('2.0', (p) => p.rules.push({ ...p.rules[0]!, kind: 'pattern', id: 'x.bad', pattern: '([' }))), /正则表达式无效/],
      [JSON.stringify(tencentVersion('2.0', (p) => ((p.fields[0]!.maxLength as { limit: number }).limit = -3))), /字段（fields） 第 1 条（title） · maxLength · limit/],
      [JSON.stringify(tencentVersion('2.0', (p) => p.rules.push(p.rules[0]!))), /编号「tencent\.budget\.sum」重复/],
      [JSON.stringify(tencentVersion('2.0', (p) => (p.id = 'taobao'))), /规则包编号（id）/],
      [JSON.stringify(tencentVersion('2.0', (p) => (p.changelog = []))), /缺少本版本 2\.0 的条目/],
    ];
    for (const [text, message] of cases) {
      const e = thrown(() => store.import(text, 'tencent-2.0.json'));
      expect(e.code).toBe('FILE_INVALID');
      expect(e.message).toContain('tencent-2.0.json');
      expect([e.message, ...e.details].join('\n')).toMatch(message);
    }
    // Imported from the app, with no file name: the message names the pack by what it says it is.
    const fromApp = thrown(() => store.import(JSON.stringify(tencentVersion('2.0', (p) => (p.rules[0]!.kind = 'script')))));
    expect(fromApp.message).toContain('规则包「腾讯公益 2.0」格式有误');
    // A batch with one bad pack stores none of them.
    const batch = [tencentVersion('2.0'), { ...shippedJson('legal'), version: '1.1', changelog: [{ version: '1.1', date: '2027-01-01', summary: 'x' }], rules: 'none' }];
    const e = thrown(() => store.import(JSON.stringify(batch), 'batch.json'));
    expect(e.message).toContain('batch.json 第 2 个');
    expect(rowCount(lib)).toBe(0);
    expect(store.active('tencent').version).toBe('1.0.0');
  });
});

describe('rule changes: what a new pack version breaks', () => {
  it('a new version makes exactly the expected proposals fail, and names the rules responsible', () => {
    const lib = tmpLibrary();
    const store = storeFor(lib);
    // Four proposals that pass the current tencent pack, one that fails it, and one not on tencent.
    const longTitle = lib.proposals.insert(completeProposal({ id: 'long-title', title: '城口县乡村小学图书角建设' })); // 12 characters
    const sad = completeProposal({ id: 'sad-story' });
    sad.sections = { ...sad.sections, background: { doc: null, text: '孩子们家徒四壁，读不起书。' } };
    lib.proposals.insert(sad);
    lib.proposals.insert(completeProposal({ id: 'fine' }));
    const failing = completeProposal({ id: 'already-failing', targetFen: 1 });
    lib.proposals.insert(failing);
    const alipayOnly = completeProposal({ id: 'alipay-only', title: '一个非常非常长的项目名称超过十个字', platforms: ['alipay'] });
    lib.proposals.insert(alipayOnly);

    // 1.1.0: the title limit drops to 10 characters, a phrase rule is added, and the budget-sum rule goes.
    const next = tencentVersion('1.1.0', (p) => {
      (p.fields[0]!.maxLength as { limit: number }).limit = 10;
      p.rules = p.rules.filter((r) => r.id !== 'tencent.budget.sum');
      p.rules.push({ id: 'tencent.misery', kind: 'phrases', severity: 'error', message: '不要渲染贫困', fix: '改写', phrases: ['家徒四壁'], source: { kind: 'federation', title: '测试', verified: false } });
    });
    store.import(JSON.stringify(next));
    const report = impactReport(store.get('tencent', '1.0.0'), store.get('tencent', '1.1.0'), lib.proposals.all());

    expect(report.checked).toBe(4);
    expect(report.proposals.map((p) => [p.id, p.change])).toEqual([
      ['long-title', 'newlyFailing'],
      ['sad-story', 'newlyFailing'],
      ['already-failing', 'newlyPassing'],
    ]);
    expect(report.proposals[0]!.nowFailing.map((r) => r.ruleId)).toEqual(['fields.title.maxLength']);
    expect(report.proposals[0]!.nowFailing[0]!.message).toContain('当前 12 字，上限 10 字');
    expect(report.proposals[1]!.nowFailing.map((r) => r.ruleId)).toEqual(['tencent.misery']);
    expect(report.proposals[2]!.nowPassing.map((r) => r.ruleId)).toEqual(['tencent.budget.sum']);
    expect(report.proposals[0]).toMatchObject({ title: longTitle.title, before: { ok: true, errors: 0 }, after: { ok: false, errors: 1 } });

    expect(report.diff.rules.added.map((r) => r.id)).toEqual(['tencent.misery']);
    expect(report.diff.rules.removed.map((r) => r.id)).toEqual(['tencent.budget.sum']);
    expect(report.diff.rules.changed).toEqual([]);
    expect(report.diff.fields.changed).toEqual([{ id: 'title', label: '项目名称', changes: ['字数上限：25 字（按字符计（含标点空格），待核实） → 10 字（按字符计（含标点空格），待核实）'] }]);
  });

  it('a changed rule is described key by key', () => {
    const lib = tmpLibrary();
    const store = storeFor(lib);
    const next = tencentVersion('1.2', (p) => {
      const r = p.rules.find((x) => x.id === 'tencent.renamed-festival')!;
      r.severity = 'warning';
      r.phrases = ['99公益日', '久久公益节前身'];
    });
    store.import(JSON.stringify(next));
    const report = impactReport(store.get('tencent', '1.0.0'), store.get('tencent', '1.2'), []);
    expect(report.diff.rules.changed).toEqual([
      expect.objectContaining({ id: 'tencent.renamed-festival', changes: ['级别：提示 → 警告', 'phrases：新增 「久久公益节前身」；删除 「九九公益日」'] }),
    ]);
    expect(report.checked).toBe(0);
  });
});
