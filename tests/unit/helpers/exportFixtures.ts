import { resolve } from 'node:path';
import sharp from 'sharp';
import { exportRules } from '../../../src/core/export/rulePacks';
import type { Library } from '../../../src/core/library/library';
import { loadPackDir, shippedPacksDir } from '../../../src/core/rules/load';
import type { PlatformId } from '../../../src/shared/domain/catalog';
import type { ImageRef, Proposal } from '../../../src/shared/domain/proposal';
import type { Finding } from '../../../src/shared/rules/finding';
import type { RulePack } from '../../../src/shared/rules/pack';
import { makeProposal } from './proposals';

/** tests/fixtures: its rules/ folder holds the test rule packs, laid out as templates/ is. */
export const FIXTURE_TEMPLATES = resolve(import.meta.dirname, '..', '..', 'fixtures');

/**
 * The fixture packs by platform, read by the app's own path: the checked loader the RulePackStore
 * reads shipped packs with, then export's pick of each platform's pack. A fixture pack the app
 * would refuse fails here too.
 */
export function fixturePacks(): Map<PlatformId, RulePack> {
  return exportRules(() => loadPackDir(shippedPacksDir(FIXTURE_TEMPLATES))).platformPacks();
}

/**
 * A photo-like JPEG: smooth colour fields with sensor-like grain, so it compresses as real photos do
 * (a 12-megapixel one is about 3.5 MB at quality 90). The grain comes from a fast PRNG: libvips'
 * gaussian noise takes seconds at this size.
 */
export async function photo(width: number, height: number, seed = 1): Promise<Buffer> {
  let s = (seed * 2654435761) >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const sw = Math.max(8, Math.round(width / 40));
  const sh = Math.max(8, Math.round(height / 40));
  const fields = Buffer.alloc(sw * sh * 3);
  for (let i = 0; i < fields.length; i++) fields[i] = rnd() & 0xff;
  const grain = Buffer.alloc(width * height * 3);
  for (let i = 0; i < grain.length; i++) {
    const r = rnd();
    grain[i] = 128 + ((r & 0x1f) - 16) + (((r >>> 8) & 0x1f) - 16);
  }
  return sharp(fields, { raw: { width: sw, height: sh, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .composite([{ input: grain, raw: { width, height, channels: 3 }, blend: 'overlay' }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Add a picture to the library and return its reference with caption, source and consent filled in. */
export async function addPhoto(lib: Library, fileName: string, data: Buffer, extra: Partial<ImageRef> = {}): Promise<ImageRef> {
  const ref = await lib.images.add(data, fileName);
  return { ...ref, caption: `${fileName}的说明`, source: '区县慈善会工作人员拍摄', ...extra };
}

export const SECTION_TEXT = {
  background: '石柱县中益乡地处武陵山区，留守老人占常住人口三成以上。\n多数老人独居，午餐常以剩饭对付，营养不良问题突出。',
  goals: '在三个村建设老年食堂，为 120 位 70 岁以上老人每天提供一顿热乎的午餐。',
  plan: '第一阶段改造场地并配置厨具；第二阶段招募本村志愿者做饭送餐；第三阶段建立就餐台账并每月公示。',
  capacity: '执行方连续五年承接民政部门助餐项目，有专职社工 6 名。',
  risks: '食品安全风险：厨师持健康证上岗，每日留样。',
  disclosure: '每季度在平台发布进展，项目结束后三个月内发布结项报告。',
  aboutUs: '石柱县慈善会成立于 2006 年，是依法登记的慈善组织。',
};

/** A proposal with every part a platform form may ask for, merged from two districts. */
export function sampleProposal(images: ImageRef[] = [], over: Partial<Omit<Proposal, 'sections'>> = {}): Proposal {
  return makeProposal({
    title: '山村老人的热饭菜——中益乡老年食堂',
    summary: '为三个村 120 位独居老人每天送上一顿热午餐。',
    focusArea: 'elderly',
    district: '石柱土家族自治县',
    roles: {
      initiator: { name: '石柱土家族自治县慈善会', creditCode: '51500240MJP000000X' },
      executors: [
        { name: '中益乡社会工作服务站', creditCode: '', district: '石柱土家族自治县' },
        { name: '黄水镇志愿者协会', creditCode: '', district: '石柱土家族自治县' },
      ],
      fundraiser: { name: '重庆市慈善总会', creditCode: '51500000MJP000000Y' },
    },
    filing: {
      number: '53500000500000000DA25001',
      region: '全国',
      contactName: '张敏',
      contactAddress: '重庆市石柱县南宾街道',
      donationMethod: '通过互联网募捐平台在线捐赠',
      remainderPlan: '剩余款物用于同类助老项目',
    },
    targetFen: 12_345_600,
    fundraisingPeriod: { start: '2025-09-01', end: '2025-12-31' },
    projectPeriod: { start: '2025-10-01', end: '2026-09-30' },
    beneficiaries: [{ id: 'b1', type: '独居老人', count: 120, region: '中益乡' }],
    sections: SECTION_TEXT,
    milestones: [
      { id: 'm1', date: '2025-10-15', title: '完成场地改造', detail: '三个村的食堂通过验收' },
      { id: 'm2', date: '2025-11-01', title: '开餐', detail: '' },
    ],
    budget: {
      lines: [
        { id: 'l1', item: '厨具采购', category: '设备', unitPriceFen: 800_000, quantity: 3, amountFen: 2_400_000, note: '', origin: { proposalId: 'p-a', district: '石柱土家族自治县' } },
        { id: 'l2', item: '食材补贴', category: '餐费', unitPriceFen: 800, quantity: 12_000, amountFen: 9_600_000, note: '', origin: { proposalId: 'p-b', district: '丰都县' } },
        { id: 'l3', item: '项目执行费', category: '管理', unitPriceFen: 345_600, quantity: 1, amountFen: 345_600, note: '', origin: null },
      ],
      managementFeePercent: 3,
      minimumExecutableFen: 5_000_000,
      fallbackPlan: '未筹满时先在一个村开办食堂。',
    },
    images,
    platforms: ['tencent', 'alipay', 'weibo', 'douyin'],
    ...over,
  });
}

/** The budget total of sampleProposal, as the documents print it (thousands separated). */
export const SAMPLE_TOTAL = '123,456.00';

export function finding(severity: Finding['severity'], message: string, field: string | null = 'title', pack = 'tencent'): Finding {
  return {
    ruleId: `test.${severity}`,
    severity,
    pack,
    field,
    range: null,
    message,
    fix: '请修改后重新检查',
    source: { kind: 'federation', title: '测试规则', verified: false },
  };
}
