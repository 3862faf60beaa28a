// Fixed vocabularies of the domain. Labels are what users see; ids are what files store.

export const FOCUS_AREAS = [
  { id: 'industry', label: '产业帮扶' },
  { id: 'elderly', label: '养老帮扶' },
  { id: 'children', label: '儿童关爱/助学' },
  { id: 'health', label: '健康帮扶' },
  { id: 'education', label: '教育及人才帮扶' },
  { id: 'poverty', label: '扶弱济困' },
  { id: 'ecology', label: '生态振兴' },
  { id: 'publicService', label: '公共服务' },
  { id: 'community', label: '社区' },
  { id: 'volunteer', label: '志愿服务' },
  { id: 'disaster', label: '应急救灾' },
] as const;
export type FocusAreaId = (typeof FOCUS_AREAS)[number]['id'];
export const FOCUS_AREA_IDS = FOCUS_AREAS.map((f) => f.id) as [FocusAreaId, ...FocusAreaId[]];

/** The 38 districts and counties of Chongqing, the three development zones with their own federations, and the city federation itself. */
export const DISTRICTS = [
  '市慈善总会（本级）',
  '万州区', '黔江区', '涪陵区', '渝中区', '大渡口区', '江北区', '沙坪坝区', '九龙坡区', '南岸区',
  '北碚区', '綦江区', '大足区', '渝北区', '巴南区', '长寿区', '江津区', '合川区', '永川区',
  '南川区', '璧山区', '铜梁区', '潼南区', '荣昌区', '开州区', '梁平区', '武隆区',
  '城口县', '丰都县', '垫江县', '忠县', '云阳县', '奉节县', '巫山县', '巫溪县',
  '石柱土家族自治县', '秀山土家族苗族自治县', '酉阳土家族苗族自治县', '彭水苗族土家族自治县',
  '两江新区', '高新区', '万盛经开区',
] as const;

export const PLATFORMS = [
  { id: 'tencent', label: '腾讯公益' },
  { id: 'alipay', label: '支付宝公益' },
  { id: 'alibaba', label: '阿里巴巴公益' },
  { id: 'douyin', label: '字节跳动公益（抖音）' },
  { id: 'weibo', label: '新浪微公益' },
  { id: 'jd', label: '京东公益' },
  { id: 'meituan', label: '美团公益' },
  { id: 'shuidi', label: '水滴公益' },
  { id: 'qingsong', label: '轻松公益' },
  { id: 'lianquan', label: '联劝网' },
  { id: 'guangyi', label: '广益联募' },
  { id: 'xinhua', label: '新华公益' },
  { id: 'bilibili', label: '哔哩哔哩公益' },
] as const;
export type PlatformId = (typeof PLATFORMS)[number]['id'];
export const PLATFORM_IDS = PLATFORMS.map((p) => p.id) as [PlatformId, ...PlatformId[]];

export const STATUSES = [
  { id: 'draft', label: '草稿' },
  { id: 'submitted', label: '已提交' },
  { id: 'reviewing', label: '审核中' },
  { id: 'returned', label: '退回修改' },
  { id: 'approved', label: '已通过' },
  { id: 'rejected', label: '不予通过' },
  { id: 'live', label: '已上线' },
  { id: 'closed', label: '已结束' },
  { id: 'merged', label: '已合并' },
] as const;
export type StatusId = (typeof STATUSES)[number]['id'];
export const STATUS_IDS = STATUSES.map((s) => s.id) as [StatusId, ...StatusId[]];

/** The rich-text sections of a proposal, in handbook order. */
export const SECTIONS = [
  { id: 'background', label: '项目背景与需求' },
  { id: 'goals', label: '项目目标' },
  { id: 'plan', label: '执行计划' },
  { id: 'capacity', label: '执行能力说明' },
  { id: 'risks', label: '风险及应对' },
  { id: 'disclosure', label: '信息披露与反馈计划' },
  { id: 'aboutUs', label: '关于我们' },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];
export const SECTION_IDS = SECTIONS.map((s) => s.id) as [SectionId, ...SectionId[]];

export const LISTING_STATUSES = [
  { id: 'preparing', label: '准备中' },
  { id: 'submitted', label: '已提交审核' },
  { id: 'live', label: '已上线' },
  { id: 'ended', label: '已结束' },
  { id: 'rejected', label: '未通过' },
] as const;
export type ListingStatusId = (typeof LISTING_STATUSES)[number]['id'];
export const LISTING_STATUS_IDS = LISTING_STATUSES.map((s) => s.id) as [ListingStatusId, ...ListingStatusId[]];

function labelOf<T extends { id: string; label: string }>(list: readonly T[], id: string): string {
  return list.find((x) => x.id === id)?.label ?? id;
}
export const focusAreaLabel = (id: string): string => labelOf(FOCUS_AREAS, id);
export const platformLabel = (id: string): string => labelOf(PLATFORMS, id);
export const statusLabel = (id: string): string => labelOf(STATUSES, id);
export const sectionLabel = (id: string): string => labelOf(SECTIONS, id);
