import type { CommandEntry } from '../command';

/** Every `shance` subcommand, each loaded on first use (see CommandEntry). Later features add theirs here. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'list', summary: '列出项目库中的项目', load: async () => (await import('./list')).listCommand },
  { name: 'import', summary: '导入 .shance 交换包、项目 JSON 或 JSONL 文件', load: async () => (await import('./import')).importCommand },
  {
    name: 'export',
    summary: '导出项目：各平台提交材料（--platform）、内部审核稿（--internal），或 .shance 交换包',
    load: async () => (await import('./export')).exportCommand,
  },
  { name: 'bundle', summary: '把项目打包为 .shance 交换包，发送给总会或其他区县', load: async () => (await import('./export')).bundleCommand },
  { name: 'validate', summary: '按平台规则包和法律规则检查项目', load: async () => (await import('./validate')).validateCommand },
  { name: 'rules', summary: '规则包：列出版本、导入新版本、固定版本、比较两个版本及其影响', load: async () => (await import('./rules')).rulesCommand },
  { name: 'handbook', summary: '检查、打包或导入项目策划手册（供培训老师修订手册）', load: async () => (await import('./handbook')).handbookCommand },
  { name: 'dedupe', summary: '查找相似（同质化）的项目：项目文件、交换包、文件夹或 JSONL 项目清单', load: async () => (await import('./dedupe')).dedupeCommand },
  { name: 'server', summary: '总会服务器：启动、添加账号、查看状态、导入交换包', load: async () => (await import('./server')).serverCommand },
  { name: 'sync', summary: '与总会服务器同步项目库', load: async () => (await import('./sync')).syncCommand },
  { name: 'disclosure', summary: '信息披露日程：列出即将到期和已逾期的披露', load: async () => (await import('./disclosure')).disclosureCommand },
  { name: 'funds', summary: '导入平台后台导出的捐赠明细（CSV 或 XLSX），更新各平台已筹金额', load: async () => (await import('./funds')).fundsCommand },
  { name: 'review', summary: '审核：提交、退回、通过、不予通过、变更；待我审核；本机身份', load: async () => (await import('./review')).reviewCommand },
  { name: 'history', summary: '项目的提交版本、审核记录和版本比较', load: async () => (await import('./history')).historyCommand },
  { name: 'report', summary: '生成月度、季度、半年、年度统计报表（JSON、Excel 或 Word）', load: async () => (await import('./report')).reportCommand },
];
