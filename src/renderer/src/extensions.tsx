import { lazy, type ComponentType } from 'react';
import { EditorExportAction, EditorReviewAction, LibraryExportAction } from './features/export/ExportActions';
import { ListingTracker } from './features/export/ListingTracker';
import { FieldCounter } from './features/rules/FieldCounter';
import { rulesSummaryColumn } from './features/rules/LibrarySummary';
import { RulesPanel, RulesTabLabel } from './features/rules/RulesPanel';
import { SectionMarks } from './features/rules/SectionMarks';
import { ChangeNotice } from './features/handbook/ChangeNotice';
import { GuidePanel } from './features/handbook/GuidePanel';
import { ProgressPanel } from './features/handbook/ProgressPanel';
import { LibraryDedupeActions } from './features/dedupe/LibraryDedupeActions';
import { MergeNotice } from './features/dedupe/MergeNotice';
import { SimilarPanel, SimilarTabLabel } from './features/dedupe/SimilarPanel';
import { ConflictNotice } from './features/sync/ConflictRevisions';
import { DisclosurePanel } from './features/golive/DisclosurePanel';
import { fundsColumn } from './features/golive/LibraryColumn';
import { ReviewNotice } from './features/review/ReviewNotice';
import { ReviewPanel, ReviewTabLabel } from './features/review/ReviewPanel';
import type { Slots } from './slots';

/**
 * The features in each slot of the screens (see slots.ts). A feature adds its entries here (one line
 * each) instead of editing the screens themselves. Only App imports this file.
 */

const screenLoaders: (() => Promise<unknown>)[] = [];

/** A screen kept out of the first screen's bundle (统计 brings ECharts); see preloadScreens. */
function onDemand<M>(load: () => Promise<M>, pick: (m: M) => ComponentType<{ params: URLSearchParams }>) {
  screenLoaders.push(load);
  return lazy(async () => ({ default: pick(await load()) }));
}

/** Fetch every on-demand screen in the background once the first screen is up, so opening one later does not wait. */
export function preloadScreens(): void {
  for (const load of screenLoaders) void load().catch(() => undefined); // a failed fetch is retried when the screen opens
}

export const SLOTS: Slots = {
  editorPanels: [
    { key: 'guide', label: '写作指南', Component: GuidePanel, workshop: true },
    { key: 'progress', label: '进度与评分', Component: ProgressPanel, workshop: true },
    { key: 'rules', label: <RulesTabLabel />, Component: RulesPanel, workshop: true },
    { key: 'similar', label: <SimilarTabLabel />, Component: SimilarPanel },
    { key: 'listings', label: '上线跟踪', Component: ListingTracker },
    { key: 'disclosure', label: '筹款与披露', Component: DisclosurePanel },
    { key: 'review', label: <ReviewTabLabel />, Component: ReviewPanel },
  ],
  sectionPlugins: [SectionMarks],
  fieldAddons: [FieldCounter],
  editorNotices: [ReviewNotice, ChangeNotice, MergeNotice, ConflictNotice],
  editorActions: [EditorReviewAction, EditorExportAction],
  libraryColumns: [rulesSummaryColumn, fundsColumn],
  libraryActions: [LibraryExportAction, LibraryDedupeActions],
  appViews: [
    { key: 'dedupe', label: '同质化检查', Component: onDemand(() => import('./features/dedupe/DedupeReportView'), (m) => m.DedupeReportView), inNav: true },
    { key: 'merge', label: '合并为品牌项目', Component: onDemand(() => import('./features/dedupe/MergeView'), (m) => m.MergeView), inNav: false },
    { key: 'stats', label: '统计', Component: onDemand(() => import('./features/stats/StatsView'), (m) => m.StatsView), inNav: true },
    { key: 'rules', label: '规则包', Component: onDemand(() => import('./features/rules/RulesView'), (m) => m.RulesView), inNav: true },
    { key: 'disclosure', label: '披露日程', Component: onDemand(() => import('./features/golive/DisclosureView'), (m) => m.DisclosureView), inNav: true },
    { key: 'handbook', label: '手册', Component: onDemand(() => import('./features/handbook/TrainerView'), (m) => m.TrainerView), inNav: true },
    { key: 'workshop', label: '培训模式', Component: onDemand(() => import('./features/handbook/WorkshopView'), (m) => m.WorkshopView), inNav: true },
    { key: 'review', label: '待我审核', Component: onDemand(() => import('./features/review/ReviewQueueView'), (m) => m.ReviewQueueView), inNav: true },
    { key: 'settings', label: '设置', Component: onDemand(() => import('./features/sync/ServerSettings'), (m) => m.SettingsView), inNav: true },
    { key: 'remote', label: '其他区县的项目', Component: onDemand(() => import('./features/sync/RemoteProposalView'), (m) => m.RemoteProposalView), inNav: false },
  ],
};
