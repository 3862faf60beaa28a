import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLATFORM_IDS } from '../../../src/shared/domain/catalog';
import type { ImageRef, Proposal } from '../../../src/shared/domain/proposal';
import { creditCodeCheckChar } from '../../../src/shared/rules/checkCodes';
import { rulePackSchema, type RulePack } from '../../../src/shared/rules/pack';
import { makeProposal } from './proposals';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates', import.meta.url));
export const PACKS_DIR = join(TEMPLATES_DIR, 'rules');

/** A valid 统一社会信用代码 built from 17 characters by computing its check character. */
export function creditCode(first17: string): string {
  const c = creditCodeCheckChar(first17);
  if (!c) throw new Error(`not a code body: ${first17}`);
  return first17 + c;
}

export const FUNDRAISER_CODE = creditCode('53500000MJP012345');
export const INITIATOR_CODE = creditCode('52500103MJP67890Y');

let n = 0;
export function image(init: Partial<ImageRef> = {}): ImageRef {
  n += 1;
  return {
    id: `img${n}`,
    sha256: n.toString(16).padStart(64, '0'),
    fileName: `图片${n}.jpg`,
    mime: 'image/jpeg',
    width: 1600,
    height: 900,
    bytes: 400_000,
    caption: '',
    source: '',
    isCover: false,
    focalPoint: { x: 0.5, y: 0.5 },
    consent: { identifiablePeople: false, portraitConsent: false, minors: false, guardianConsent: false },
    ...init,
  };
}

/** A consent record someone filled in: no identifiable people. */
export const NO_PEOPLE = { identifiablePeople: false, portraitConsent: false, minors: false, guardianConsent: false, recorded: true };

/** A proposal that every shipped pack passes without an error: the baseline the rule tests break. */
export function completeProposal(init: Partial<Omit<Proposal, 'sections'>> = {}): Proposal {
  const lines = [
    { id: 'b1', item: '图书', category: '物资', unitPriceFen: 3_000, quantity: 1_000, amountFen: 3_000_000, note: '', origin: null },
    { id: 'b2', item: '书架', category: '物资', unitPriceFen: 80_000, quantity: 20, amountFen: 1_600_000, note: '', origin: null },
    { id: 'b3', item: '志愿者培训', category: '执行', unitPriceFen: 100_000, quantity: 1, amountFen: 100_000, note: '', origin: null },
  ];
  const p = makeProposal({
    title: '乡村小学图书角',
    summary: '为20所乡村小学建设图书角并培训志愿者',
    focusArea: 'children',
    district: '城口县',
    roles: {
      initiator: { name: '城口县慈善会', creditCode: INITIATOR_CODE },
      executors: [{ name: '城口县慈善会', creditCode: '', district: '城口县' }],
      fundraiser: { name: '重庆市慈善总会', creditCode: FUNDRAISER_CODE },
    },
    filing: {
      number: `${FUNDRAISER_CODE}A26001`,
      region: '重庆市',
      contactName: '王老师',
      contactAddress: '重庆市渝北区慈善大厦',
      donationMethod: '通过互联网募捐平台捐赠，或汇入总会银行账户',
      remainderPlan: '剩余款物用于同类助学项目',
    },
    targetFen: 4_700_000,
    fundraisingPeriod: { start: '2026-01-01', end: '2026-12-31' },
    projectPeriod: { start: '2026-01-01', end: '2027-06-30' },
    beneficiaries: [{ id: 'k1', type: '乡村小学学生', count: 3000, region: '城口县' }],
    sections: {
      background: '城口县乡村小学的学生课外读物很少。',
      goals: '建成20个图书角，每校配书50本以上。',
      plan: '分三批采购图书并安装书架，培训志愿者管理图书角。',
      capacity: '城口县慈善会已实施多个助学项目。',
      risks: '如图书到货延迟，顺延安装时间。',
      disclosure: '每季度公开一次项目进展，项目结束后三个月内发布总结报告。',
      aboutUs: '城口县慈善会成立于2008年。',
    },
    milestones: [
      { id: 'm1', date: '2026-03-01', title: '采购图书', detail: '' },
      { id: 'm2', date: '2026-09-01', title: '安装书架', detail: '' },
      { id: 'm3', date: '2027-06-01', title: '总结评估', detail: '' },
    ],
    budget: { lines, managementFeePercent: 3, minimumExecutableFen: 1_000_000, fallbackPlan: '按筹得金额减少受助学校数量' },
    images: [
      image({ isCover: true, source: '城口县慈善会', consent: NO_PEOPLE }),
      image({ width: 1200, height: 800, source: '城口县慈善会', consent: { identifiablePeople: true, portraitConsent: true, minors: false, guardianConsent: false, recorded: true } }),
      image({ width: 1200, height: 800, source: '城口县慈善会', consent: { identifiablePeople: true, portraitConsent: true, minors: true, guardianConsent: true, recorded: true } }),
      image({ width: 1200, height: 800, source: '志愿者 李明', consent: NO_PEOPLE }),
    ],
    disclosurePlan: { cadence: 'quarterly', note: '', guessed: false },
    platforms: [...PLATFORM_IDS],
  });
  return { ...p, ...init };
}

/** A confirmed source: findings keep the rule's own words (an unconfirmed one reads as 总会清单要求…). */
export const TEST_SOURCE = { kind: 'platform', title: '测试用来源', verified: true } as const;

/** A pack around the given rules (and fields or images), checked by the real schema. */
export function packOf(rules: unknown[], extra: Record<string, unknown> = {}): RulePack {
  return rulePackSchema.parse({
    format: 'shance-rule-pack',
    formatVersion: 1,
    id: 'tencent',
    name: '测试规则包',
    version: '1.0',
    effectiveDate: '2026-01-01',
    changelog: [{ version: (extra.version as string) ?? '1.0', date: '2026-01-01', summary: '测试' }],
    rules,
    ...extra,
  });
}

/** A rule with the common parts filled in. */
export function ruleOf(kind: string, params: Record<string, unknown> = {}, severity = 'error'): Record<string, unknown> {
  return { id: `t.${kind.toLowerCase()}`, kind, severity, message: `测试规则 ${kind}`, fix: '修改', source: TEST_SOURCE, ...params };
}
