import type { z } from 'zod';
import { sectionLabel } from './catalog';

const TOP: Record<string, string> = {
  schemaVersion: '格式版本',
  id: '编号',
  title: '项目名称',
  summary: '一句话简介',
  focusArea: '项目领域',
  district: '区县',
  roles: '项目角色',
  filing: '募捐方案',
  targetFen: '筹款目标',
  fundraisingPeriod: '筹款周期',
  projectPeriod: '项目执行周期',
  beneficiaries: '受益人',
  sections: '正文',
  milestones: '执行计划节点',
  budget: '预算',
  images: '图片',
  platforms: '目标平台',
  status: '状态',
  template: '模板',
  brandSources: '品牌项目来源',
  mergedInto: '合并去向',
  listings: '上线记录',
  // The tracker's API input (listing.set) names its one listing so.
  listing: '上线信息',
  createdAt: '创建时间',
  updatedAt: '修改时间',
};

const NESTED: Record<string, string> = {
  initiator: '发起方',
  executors: '执行方',
  fundraiser: '公募支持方',
  name: '名称',
  creditCode: '统一社会信用代码',
  number: '备案编号',
  region: '地域',
  contactName: '负责人',
  contactAddress: '办公地址',
  donationMethod: '接受捐赠方式',
  remainderPlan: '剩余财产处理',
  start: '开始日期',
  end: '结束日期',
  type: '类型',
  count: '人数',
  date: '日期',
  detail: '说明',
  lines: '预算明细',
  item: '项目',
  category: '类别',
  unitPriceFen: '单价',
  quantity: '数量',
  amountFen: '金额',
  managementFeePercent: '管理费比例',
  minimumExecutableFen: '最低可执行金额',
  fallbackPlan: '未筹满时的执行方案',
  sha256: '校验值',
  fileName: '文件名',
  mime: '文件类型',
  caption: '图片说明',
  source: '图片来源',
  consent: '肖像授权',
  text: '文字',
  doc: '富文本',
  platform: '平台',
  projectNumber: '项目编号',
  url: '网址',
  liveDate: '上线日期',
  note: '备注',
};

/** A path inside a proposal in words a user understands, e.g. 「预算明细 第 4 条 · 金额」. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '项目';
  const parts: string[] = [];
  path.forEach((key, i) => {
    if (typeof key === 'number') {
      parts.push(`第 ${key + 1} 条`);
    } else if (i === 0) {
      parts.push(TOP[String(key)] ?? String(key));
    } else if (path[0] === 'sections' && i === 1) {
      parts.push(sectionLabel(String(key)));
    } else if (String(key) !== 'text' || path[0] !== 'sections') {
      parts.push(NESTED[String(key)] ?? String(key));
    }
  });
  return parts.join(' · ');
}

/** Each problem of a failed parse as one line: 「field」：message. */
export function describeIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.slice(0, 20).map((issue) => `${prefix}「${fieldLabel(issue.path)}」：${issue.message}`);
}
