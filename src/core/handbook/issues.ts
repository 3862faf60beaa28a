import type { z } from 'zod';

/** Chinese glosses for the keys a trainer meets in the handbook files. */
const GLOSS: Record<string, string> = {
  format: '格式标识',
  formatVersion: '格式版本',
  version: '版本号',
  date: '日期',
  title: '标题',
  intro: '前言',
  changelog: '修订记录',
  summary: '说明',
  scoring: '评分',
  weights: '分值',
  page: '指导页',
  sectionPages: '栏目指导页',
  lookFor: '评审和捐赠人看什么',
  questions: '要回答的问题',
  mistakes: '常见错误',
  examples: '示例',
  topic: '主题',
  good: '好的写法',
  weak: '弱的写法',
  why: '为什么',
  tips: '要点',
  focusArea: '项目领域',
  name: '名称',
  description: '适用说明',
  sections: '正文栏目',
  skeleton: '骨架文字',
  prompts: '填写提示',
  beneficiaryTypes: '受益对象类型',
  suggested: '新建时预填',
  budget: '预算',
  categories: '预算类别',
  exampleLines: '预算示例',
  item: '项目',
  category: '类别',
  unitPriceYuan: '单价（元）',
  quantity: '数量',
  unit: '单位',
  note: '说明',
  fallbackHint: '未筹满方案提示',
  milestones: '典型节点',
  when: '时间',
  detail: '说明',
  pitfalls: '常见坑',
  step: '步骤',
  text: '文字',
  guidance: '领域指导',
  imageTips: '图片提示',
  kind: '类型',
  templateId: '模板编号',
  lessons: '要点',
  proposal: '样例项目',
  images: '图片',
  problems: '埋设的问题',
  where: '位置',
  hint: '改法提示',
  checks: '评分项',
  solution: '参考改法',
  path: '路径',
  value: '值',
};

/** A path inside a handbook file, as the trainer sees it in the file: page.questions（要回答的问题）第 2 条. */
export function handbookPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '（整个文件）';
  const parts: string[] = [];
  for (const key of path) {
    if (typeof key === 'number') parts.push(`第 ${key + 1} 条`);
    else {
      const k = String(key);
      parts.push(GLOSS[k] ? `${k}（${GLOSS[k]}）` : k);
    }
  }
  return parts.join(' › ');
}

/** Each issue of a failed parse as 「where」字段「path」：message. */
export function describeHandbookIssues(error: z.ZodError, where: string, max = 20): string[] {
  return error.issues.slice(0, max).map((issue) => {
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `有无法识别的字段：${issue.keys.join('、')}（是否拼错了？）`;
    return `「${where}」字段「${handbookPath(issue.path)}」：${message}`;
  });
}
