import type { ColumnsType } from 'antd/es/table';
import { createContext, useContext, type ComponentType, type ReactNode } from 'react';
import type { ProposalSummary } from '../../shared/api/methods/proposals';

/**
 * Where features plug into the app shell, the library and the editor. The screens read the slots
 * from this context; `App`, the one composition root, fills them from extensions.tsx. The screens
 * never import the features themselves, so no feature that renders the editor (培训模式) closes an
 * import cycle through them.
 */

/** A tab in the editor's side panel (写作指南, 规则检查, 相似项目 …). Rendered inside the EditorContext. */
export interface EditorPanel {
  key: string;
  label: ReactNode;
  Component: ComponentType;
  /** Also shown for 培训模式 samples (the panel must not call library-only methods). */
  workshop?: boolean;
}

/** Whole screens reached from the header: #/v/<key>. */
export interface AppView {
  key: string;
  label: string;
  Component: ComponentType<{ params: URLSearchParams }>;
  /** Shown in the header's navigation. */
  inNav: boolean;
}

export interface Slots {
  editorPanels: readonly EditorPanel[];
  /** Rendered inside every rich-text section's LexicalComposer (inline marks, guidance hooks …). */
  sectionPlugins: readonly ComponentType<{ field: string }>[];
  /** Rendered beside a field's label (length counters …). `field` is e.g. 'title' or 'sections.plan'. */
  fieldAddons: readonly ComponentType<{ field: string }>[];
  /** Notices above the editor's form (a changed handbook, a merged proposal …). Rendered inside the EditorContext; render null when there is nothing to say. */
  editorNotices: readonly ComponentType[];
  /** Buttons in the editor's top bar (导出到平台, 内部审核稿 …). Rendered inside the EditorContext. */
  editorActions: readonly ComponentType[];
  /** Extra columns of the library table, placed before 操作. */
  libraryColumns: readonly (() => ColumnsType<ProposalSummary>[number])[];
  /** Buttons in the library's toolbar. `reload` refreshes the list after they change the library. */
  libraryActions: readonly ComponentType<{ reload: () => void; selected: string[] }>[];
  appViews: readonly AppView[];
}

/** No features: what a screen rendered on its own (outside App) gets. */
export const NO_SLOTS: Slots = { editorPanels: [], sectionPlugins: [], fieldAddons: [], editorNotices: [], editorActions: [], libraryColumns: [], libraryActions: [], appViews: [] };

export const SlotsContext = createContext<Slots>(NO_SLOTS);

/** The features plugged into the screens (constant for the app's life). */
export function useSlots(): Slots {
  return useContext(SlotsContext);
}
