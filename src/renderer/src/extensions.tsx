import type { ColumnsType } from 'antd/es/table';
import type { ComponentType, ReactNode } from 'react';
import type { ProposalSummary } from '../../shared/api/methods/proposals';
import { EditorExportAction, EditorReviewAction, LibraryExportAction } from './features/export/ExportActions';
import { ListingTracker } from './features/export/ListingTracker';
import { FieldCounter } from './features/rules/FieldCounter';
import { rulesSummaryColumn } from './features/rules/LibrarySummary';
import { RulesPanel, RulesTabLabel } from './features/rules/RulesPanel';
import { RulesView } from './features/rules/RulesView';
import { SectionMarks } from './features/rules/SectionMarks';
import { ChangeNotice } from './features/handbook/ChangeNotice';
import { GuidePanel } from './features/handbook/GuidePanel';
import { ProgressPanel } from './features/handbook/ProgressPanel';
import { TrainerView } from './features/handbook/TrainerView';
import { WorkshopView } from './features/handbook/WorkshopView';
import { DedupeReportView } from './features/dedupe/DedupeReportView';
import { LibraryDedupeActions } from './features/dedupe/LibraryDedupeActions';
import { MergeNotice } from './features/dedupe/MergeNotice';
import { MergeView } from './features/dedupe/MergeView';
import { SimilarPanel, SimilarTabLabel } from './features/dedupe/SimilarPanel';
import { ConflictNotice } from './features/sync/ConflictRevisions';
import { SettingsView } from './features/sync/ServerSettings';
import { RemoteProposalView } from './features/sync/RemoteProposalView';
import { DisclosurePanel } from './features/golive/DisclosurePanel';
import { DisclosureView } from './features/golive/DisclosureView';
import { fundsColumn } from './features/golive/LibraryColumn';
import { ReviewNotice } from './features/review/ReviewNotice';
import { ReviewPanel, ReviewTabLabel } from './features/review/ReviewPanel';
import { ReviewQueueView } from './features/review/ReviewQueueView';
import { StatsView } from './features/stats/StatsView';

/**
 * Where features plug into the app shell, the library and the editor. A feature adds its entries
 * here (one line each) instead of editing the screens themselves.
 */

/** A tab in the editor's side panel (写作指南, 规则检查, 相似项目 …). Rendered inside the EditorContext. */
export interface EditorPanel {
  key: string;
  label: ReactNode;
  Component: ComponentType;
  /** Also shown for 培训模式 samples (the panel must not call library-only methods). */
  workshop?: boolean;
}
export const EDITOR_PANELS: EditorPanel[] = [
  { key: 'guide', label: '写作指南', Component: GuidePanel, workshop: true },
  { key: 'progress', label: '进度与评分', Component: ProgressPanel, workshop: true },
  { key: 'rules', label: <RulesTabLabel />, Component: RulesPanel, workshop: true },
  { key: 'similar', label: <SimilarTabLabel />, Component: SimilarPanel },
  { key: 'listings', label: '上线跟踪', Component: ListingTracker },
  { key: 'disclosure', label: '筹款与披露', Component: DisclosurePanel },
  { key: 'review', label: <ReviewTabLabel />, Component: ReviewPanel },
];

/** Rendered inside every rich-text section's LexicalComposer (inline marks, guidance hooks …). */
export const SECTION_PLUGINS: ComponentType<{ field: string }>[] = [SectionMarks];

/** Rendered beside a field's label (length counters …). `field` is e.g. 'title' or 'sections.plan'. */
export const FIELD_ADDONS: ComponentType<{ field: string }>[] = [FieldCounter];

/** Notices above the editor's form (a changed handbook, a merged proposal …). Rendered inside the EditorContext; render null when there is nothing to say. */
export const EDITOR_NOTICES: ComponentType[] = [ReviewNotice, ChangeNotice, MergeNotice, ConflictNotice];

/** Buttons in the editor's top bar (导出到平台, 内部审核稿 …). Rendered inside the EditorContext. */
export const EDITOR_ACTIONS: ComponentType[] = [EditorReviewAction, EditorExportAction];

/** Extra columns of the library table, placed before 操作. */
export const LIBRARY_COLUMNS: (() => ColumnsType<ProposalSummary>[number])[] = [rulesSummaryColumn, fundsColumn];

/** Buttons in the library's toolbar. `reload` refreshes the list after they change the library. */
export const LIBRARY_ACTIONS: ComponentType<{ reload: () => void; selected: string[] }>[] = [LibraryExportAction, LibraryDedupeActions];

/** Whole screens reached from the header: #/v/<key>. */
export interface AppView {
  key: string;
  label: string;
  Component: ComponentType<{ params: URLSearchParams }>;
  /** Shown in the header's navigation. */
  inNav: boolean;
}
export const APP_VIEWS: AppView[] = [
  { key: 'dedupe', label: '同质化检查', Component: DedupeReportView, inNav: true },
  { key: 'merge', label: '合并为品牌项目', Component: MergeView, inNav: false },
  { key: 'stats', label: '统计', Component: StatsView, inNav: true },
  { key: 'rules', label: '规则包', Component: RulesView, inNav: true },
  { key: 'disclosure', label: '披露日程', Component: DisclosureView, inNav: true },
  { key: 'handbook', label: '手册', Component: TrainerView, inNav: true },
  { key: 'workshop', label: '培训模式', Component: WorkshopView, inNav: true },
  { key: 'review', label: '待我审核', Component: ReviewQueueView, inNav: true },
  { key: 'settings', label: '设置', Component: SettingsView, inNav: true },
  { key: 'remote', label: '其他区县的项目', Component: RemoteProposalView, inNav: false },
];
