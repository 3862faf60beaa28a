import type { DedupeReport } from '../../shared/api/methods/dedupe';
import type { Period } from '../../shared/stats/period';

/**
 * What a database must answer for a statistics report: every figure is an aggregate computed by the
 * database itself (SQLite on a desktop, PostgreSQL on the federation server), never by loading the
 * proposals. The report is assembled from these rows in build.ts, the same way for both.
 */
export type Dimension = 'district' | 'focusArea' | 'total';

export interface Scope {
  period: Period;
  /** Null: every district. */
  district: string | null;
}

export interface ProposalAggRow {
  key: string;
  created: number;
  live: number;
  ended: number;
  targetFen: number;
}
export interface StatusAggRow {
  key: string;
  status: string;
  n: number;
}
export interface RaisedAggRow {
  key: string;
  raisedFen: number | null;
  donations: number | null;
}
export interface PlatformAggRow extends RaisedAggRow {
  live: number;
  targetFen: number;
}
export interface MoneyAggRow {
  platform: string;
  district: string;
  focusArea: string;
  live: number;
  targetFen: number;
  raisedFen: number | null;
  donations: number | null;
}
export interface DistrictCount {
  district: string;
  proposals: number;
}

export interface StatsSource {
  readonly kind: 'library' | 'federation';
  /** Created, live, ended and target per group. */
  proposals(dim: Dimension, s: Scope): Promise<ProposalAggRow[]>;
  /** Proposals active in the period (edited, or live) per group and current status. */
  statuses(dim: Dimension, s: Scope): Promise<StatusAggRow[]>;
  /** Amounts raised by the listings live in the period, per group. */
  raised(dim: Dimension, s: Scope): Promise<RaisedAggRow[]>;
  /** Per platform: the proposals planning it (created, statuses) use `platforms`; money uses listings. */
  platformProposals(s: Scope): Promise<ProposalAggRow[]>;
  platformStatuses(s: Scope): Promise<StatusAggRow[]>;
  platformMoney(s: Scope): Promise<PlatformAggRow[]>;
  money(s: Scope): Promise<MoneyAggRow[]>;
  /** Brand projects created in the period and the districts of their sources. */
  brands(s: Scope): Promise<{ brandProjects: number; brandDistricts: DistrictCount[] }>;
  /** Disclosure records, once proposals carry them (issue 11); null while no proposal has the field. */
  disclosures(s: Scope): Promise<{ records: number; proposalsWithRecords: number } | null>;
  lastDedupeReport(): Promise<DedupeReport | null>;
}
