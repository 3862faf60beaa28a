import type { Drill, DrillProject } from '../../shared/api/methods/stats';
import type { DedupeReport } from '../../shared/api/methods/dedupe';
import type { Period } from '../../shared/stats/period';

/**
 * What a database must answer for a statistics report: every figure is an aggregate computed by the
 * database itself (SQLite on a desktop, PostgreSQL on the federation server), never by loading the
 * proposals. The report is assembled from these rows in build.ts, the same way for both.
 */
/** The figures of the library are asked for per district and focus area; the report adds them up by each. */
export interface Cell {
  district: string;
  focusArea: string;
}

export interface Scope {
  period: Period;
  /** Null: every district. */
  district: string | null;
}

export interface ProposalAggRow {
  created: number;
  live: number;
  ended: number;
  targetFen: number;
}
export interface StatusAggRow {
  status: string;
  n: number;
}
export interface RaisedAggRow {
  raisedFen: number | null;
  donations: number | null;
}
export interface PlatformAggRow extends RaisedAggRow {
  key: string;
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
  /** Called once before the queries of a report. */
  prepare(): Promise<void>;
  /** Created, live, ended and target per group. */
  proposals(s: Scope): Promise<(ProposalAggRow & Cell)[]>;
  /** Proposals active in the period (edited, or live) per group and current status. */
  statuses(s: Scope): Promise<(StatusAggRow & Cell)[]>;
  /** Amounts raised by the listings live in the period, per group. */
  raised(s: Scope): Promise<(RaisedAggRow & Cell)[]>;
  /** Per platform: the proposals planning it (created, statuses) use `platforms`; money uses listings. */
  platformProposals(s: Scope): Promise<(ProposalAggRow & { key: string })[]>;
  platformStatuses(s: Scope): Promise<(StatusAggRow & { key: string })[]>;
  platformMoney(s: Scope): Promise<PlatformAggRow[]>;
  money(s: Scope): Promise<MoneyAggRow[]>;
  /** Brand projects created in the period and the districts of their sources. */
  brands(s: Scope): Promise<{ brandProjects: number; brandDistricts: DistrictCount[] }>;
  /** Disclosure records, once proposals carry them (issue 11); null while no proposal has the field. */
  disclosures(s: Scope): Promise<{ records: number; proposalsWithRecords: number } | null>;
  lastDedupeReport(): Promise<DedupeReport | null>;
  /** The projects behind one figure (drill-down), at most `limit` of them, and how many there are. */
  projects(s: Scope, drill: Drill, limit: number): Promise<{ items: DrillProject[]; total: number }>;
}
