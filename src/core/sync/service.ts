import type { SyncProgress, SyncStatus, SyncSummary } from '../../shared/api/methods/sync';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError, isAppError } from '../../shared/errors';
import { MAX_PUSH_ITEMS, PULL_PAGE, type FederationInput, type FederationMethod, type FederationOutput } from '../../shared/federation/contract';
import type { HandbookService } from '../handbook/service';
import type { Library } from '../library/library';
import type { RulePackStore } from '../rules/store';
import { contentHash } from '../util/contentHash';
import { applyPullPage, applyPushResult } from './apply';
import { rebuildChanges } from './changes';
import { FederationHttp, normalizeServerUrl, SYNC_ERROR } from './http';
import { fetchMissingImages, uploadMissingImages } from './images';
import { pullReviews, pushAnswers, reviewCursorOf } from './reviewEvents';
import { stepsBefore } from './reviewSteps';
import { SyncState } from './state';
import { sessionTokenStore, type SessionTokenStore } from './tokenStore';

/** Where published rule packs and handbooks go on this desk. */
export interface SyncTargets {
  rulePacks: RulePackStore;
  handbook: HandbookService;
}

type Summary = Omit<SyncSummary, 'finishedAt'>;

/** A proposal to push, the server revision it started from, and the review steps to push before it. */
interface Queued {
  proposal: Proposal;
  hash: string;
  baseRev: number | null;
  steps: Proposal[];
}

const emptySummary = (): Summary => ({ uploaded: 0, deleted: 0, images: 0, rejected: 0, downloaded: 0, remote: 0, conflicts: 0, packs: [], handbooks: [], warnings: [] });

/** Log in; nothing on the desk changes here, so a wrong password or a dead server leaves all as it was. */
export async function login(server: string, user: string, password: string) {
  const http = new FederationHttp(normalizeServerUrl(server));
  const session = await http.call('auth.login', { user, password });
  http.setToken(session.token);
  return { http, session };
}

/**
 * The desk's side of the federation, over one library: log in, send the district's changed proposals
 * up, bring down what changed, and say how things stand. One sync at a time; everything it writes is
 * written in transactions, so a sync cut off anywhere leaves the library whole and the next one
 * completes it.
 */
export class SyncService {
  readonly state: SyncState;
  private running: Promise<SyncSummary> | null = null;
  private progress: SyncProgress | null = null;
  /** The code of the last failure in this process (offline, login …), cleared by a successful sync. */
  private lastErrorCode: string | null = null;
  private lastResult: SyncSummary | null = null;

  constructor(
    readonly lib: Library,
    private readonly targets: SyncTargets,
    tokens: SessionTokenStore = sessionTokenStore(lib.path),
  ) {
    this.state = new SyncState(lib.db, tokens);
  }

  status(): SyncStatus {
    const server = this.state.server();
    const pending = server ? this.state.pendingCount() : 0;
    const conflicts = (this.lib.db.prepare('SELECT count(*) AS n FROM sync_conflicts WHERE dismissed_at IS NULL').get() as { n: number }).n;
    return {
      state: this.stateId(server, pending),
      server: server?.url ?? null,
      user: server?.user_name ?? null,
      district: server?.district ?? null,
      role: server?.role ?? null,
      lastSyncAt: server?.last_sync_at ?? null,
      pending,
      rejected: server ? this.state.rejected() : [],
      remote: this.state.remoteCount(),
      conflicts,
      progress: this.running ? this.progress : null,
      lastError: server?.last_error ?? null,
      lastResult: this.lastResult,
    };
  }

  private stateId(server: ReturnType<SyncState['server']>, pending: number): SyncStatus['state'] {
    if (!server) return 'unconfigured';
    if (this.running) return 'syncing';
    if (!this.state.token() || this.lastErrorCode === SYNC_ERROR.auth) return 'needsLogin';
    if (server.token_expires_at && Date.parse(server.token_expires_at) <= Date.now()) return 'needsLogin';
    if (this.lastErrorCode === SYNC_ERROR.offline) return 'offline';
    if (this.lastErrorCode !== null || (server.last_error && !server.last_sync_at)) return 'error';
    return pending > 0 ? 'pending' : 'synced';
  }

  /** Log in and remember the server; on failure nothing is stored. The first sync is then started. */
  async connect(server: string, user: string, password: string): Promise<SyncStatus> {
    const { http, session } = await login(server, user, password);
    this.state.saveLogin(http.baseUrl, session.user, session.token, session.expiresAt);
    this.lastErrorCode = null;
    this.syncInBackground();
    return this.status();
  }

  async disconnect(): Promise<SyncStatus> {
    const server = this.state.server();
    const token = this.state.token();
    if (server && token) {
      // Best effort: the session also expires on its own; being offline must not stop a log-out.
      await new FederationHttp(server.url, token, 5000).call('auth.logout', {}).catch(() => undefined);
    }
    this.state.forgetSession();
    return this.status();
  }

  /** Start a sync unless one is running or none is set up; never throws (failures show in the status). */
  syncInBackground(): void {
    if (!this.state.server() || !this.state.token() || this.running) return;
    this.sync().catch(() => undefined);
  }

  /** Sync now (or join the sync already running). Throws a Chinese AppError when it fails. */
  sync(onProgress?: (p: SyncProgress) => void): Promise<SyncSummary> {
    this.running ??= this.run(onProgress).finally(() => {
      this.running = null;
      this.progress = null;
    });
    return this.running;
  }

  private report(p: SyncProgress, onProgress?: (p: SyncProgress) => void): void {
    this.progress = p;
    onProgress?.(p);
  }

  private async run(onProgress?: (p: SyncProgress) => void): Promise<SyncSummary> {
    const server = this.state.server();
    const token = this.state.token();
    if (!server || !token) throw new AppError(SYNC_ERROR.auth, '尚未登录总会服务器，请在 设置 → 总会服务器 中登录');
    const http = new FederationHttp(server.url, token);
    const summary = emptySummary();
    try {
      // Answers first: a resubmit would otherwise mark the comments resolved by the change, not by what the district said.
      await pushAnswers(http, this.lib, server, summary.warnings);
      await this.push(http, server.user_name, summary, onProgress);
      const reviewsWaiting = await this.pull(http, server.district, server.cursor, reviewCursorOf(this.lib, server), summary, onProgress);
      // After the proposals, so a decision's revision and status are here when its event is applied;
      // only when the pull said some wait (most syncs: none), which saves every desk a request.
      if (reviewsWaiting) await pullReviews(http, this.lib, server);
      const result = { ...summary, finishedAt: new Date().toISOString() };
      this.state.finished(result.finishedAt);
      this.lastErrorCode = null;
      this.lastResult = result;
      return result;
    } catch (e) {
      const err = isAppError(e) ? e : new AppError('INTERNAL', `同步失败：${e instanceof Error ? e.message : String(e)}。本机项目不受影响。`);
      this.lastErrorCode = err.code;
      this.state.failed(err.message);
      throw err;
    }
  }

  /** The district's proposals whose content differs from what the server last had, with the server revision they started from. */
  private queue(): Queued[] {
    const out: Queued[] = [];
    for (const id of this.state.changedIds()) {
      const found = this.lib.proposals.find(id);
      if (!found || found.deletedAt) continue;
      const hash = contentHash(found.proposal);
      const synced = this.state.synced(id);
      if (synced?.hash === hash || synced?.rejected_hash === hash) continue;
      // A row of a push the server refused was never taken: every step since the last one taken goes up.
      const since = synced?.rev != null ? synced.synced_at : null;
      out.push({ proposal: found.proposal, hash, baseRev: synced?.rev ?? null, steps: stepsBefore(this.lib, found.proposal, since) });
    }
    return out;
  }

  private async push(http: FederationHttp, me: string, summary: Summary, onProgress?: (p: SyncProgress) => void): Promise<void> {
    const queue = this.queue();
    for (const item of queue) await this.pushSteps(http, item);
    this.report({ phase: 'upload', done: 0, total: queue.length }, onProgress);
    for (let i = 0; i < queue.length; i += MAX_PUSH_ITEMS) {
      const batch = queue.slice(i, i + MAX_PUSH_ITEMS);
      summary.images += await uploadMissingImages(http, this.lib, batch.map((b) => b.proposal));
      const { results } = await http.call('sync.push', { items: batch.map((b) => ({ proposal: b.proposal, baseRev: b.baseRev })) });
      const byId = new Map(batch.map((b) => [b.proposal.id, b]));
      this.lib.db.transaction(() => {
        for (const r of results) {
          const sent = byId.get(r.id);
          if (!sent) continue;
          if (applyPushResult(this.lib, this.state, sent.proposal, sent.hash, me, r)) summary.conflicts += 1;
          if (r.status === 'rejected') summary.rejected += 1;
          else if (r.status === 'accepted' || (r.status === 'conflict' && r.yoursWon)) summary.uploaded += 1;
        }
      })();
      this.report({ phase: 'upload', done: Math.min(i + batch.length, queue.length), total: queue.length }, onProgress);
    }
    await this.pushDeletions(http, summary);
  }

  /**
   * The review steps a desk took before its last one since the server had the proposal, each pushed
   * alone (see reviewSteps.ts). One the server does not take leaves the rest to the proposal's own
   * push, which then meets the same refusal or conflict and is handled as any push is.
   */
  private async pushSteps(http: FederationHttp, item: Queued): Promise<void> {
    if (item.steps.length) await uploadMissingImages(http, this.lib, item.steps);
    for (const step of item.steps) {
      const { results } = await http.call('sync.push', { items: [{ proposal: step, baseRev: item.baseRev }] });
      const r = results[0];
      if (!r || (r.status !== 'accepted' && r.status !== 'unchanged')) return;
      // Kept at once: a sync cut off here resumes from this step, not from before it.
      this.state.markSynced(r.id, r.rev, r.hash, step.updatedAt);
      item.baseRev = r.rev;
    }
  }

  /** Proposals moved to the trash here: deleted on the server, so other desks drop them too. */
  private async pushDeletions(http: FederationHttp, summary: Summary): Promise<void> {
    const ids = this.state.deletedIds();
    for (let i = 0; i < ids.length; i += MAX_PUSH_ITEMS) {
      const { results } = await http.call('sync.delete', { ids: ids.slice(i, i + MAX_PUSH_ITEMS) });
      this.lib.db.transaction(() => {
        for (const r of results) {
          // Refused (not this district's): nothing to delete there, and nothing to offer again.
          this.state.forget(r.id);
          if (r.status === 'deleted') summary.deleted += 1;
          else summary.warnings.push(`删除未同步到总会服务器：${r.message}`);
        }
      })();
    }
  }

  /** Pull every page; says whether review events wait past `reviewCursor` (a server that does not say: assume so). */
  private async pull(http: FederationHttp, district: string, from: number, reviewCursor: number, summary: Summary, onProgress?: (p: SyncProgress) => void): Promise<boolean> {
    let cursor = from;
    let received = 0;
    let reviews = false;
    this.report({ phase: 'download', done: 0, total: null }, onProgress);
    for (;;) {
      const page = await this.pullPage(http, district, cursor, reviewCursor);
      reviews ||= page.reviews ?? true;
      const images = await fetchMissingImages(http, this.lib, page.proposals.filter((p) => p.district === district));
      const outcome = applyPullPage(this.lib, this.state, district, page, images);
      summary.downloaded += outcome.own;
      summary.remote += outcome.remote;
      summary.conflicts += outcome.conflicts;
      this.takePublished(page, summary);
      const remoteIds = [...page.proposals.filter((p) => p.district !== district).map((p) => p.proposal.id), ...page.removed];
      if (remoteIds.length > 0) this.lib.dedupe.refreshCorpus(remoteIds);
      received += page.proposals.length;
      this.report({ phase: 'download', done: received, total: null }, onProgress);
      if (!page.more || page.cursor === cursor) return reviews;
      cursor = page.cursor;
    }
  }

  /**
   * One page of changes, every proposal on it whole: the server sends a proposal's new revision as
   * what changed when this desk pulled the one before; those are rebuilt here, and the few that
   * cannot be (not held, edited here) are asked for whole.
   */
  private async pullPage(http: FederationHttp, district: string, cursor: number, reviewCursor: number): Promise<FederationOutput<'sync.pull'>> {
    const page = await http.call('sync.pull', { cursor, limit: PULL_PAGE, changes: true, reviewCursor });
    if (page.changes.length === 0) return page;
    const { whole, missing } = rebuildChanges(this.lib, this.state, district, page.changes);
    const fetched = missing.length > 0 ? await http.call('sync.get', { ids: missing }) : { proposals: [], removed: [] };
    return { ...page, proposals: [...page.proposals, ...whole, ...fetched.proposals], changes: [], removed: [...page.removed, ...fetched.removed] };
  }

  /**
   * Published rule packs go into the rule pack store (active from their effective date), handbooks
   * into the handbook service. One that cannot be taken in (its version number is used here for other
   * content, say) is reported and does not stop the sync.
   */
  private takePublished(page: FederationOutput<'sync.pull'>, summary: Summary): void {
    for (const { pack } of page.packs) {
      try {
        const [imported] = this.targets.rulePacks.importParsed([{ raw: pack, where: `总会发布的规则包 ${pack.id} ${pack.version}` }]);
        if (imported?.status === 'added') summary.packs.push({ id: pack.id, version: pack.version, effectiveDate: pack.effectiveDate });
      } catch (e) {
        if (!isAppError(e)) throw e;
        summary.warnings.push(e.message);
      }
    }
    for (const hb of page.handbooks) {
      try {
        const outcome = this.targets.handbook.import(Buffer.from(hb.package, 'base64'), false);
        if (outcome.imported) summary.handbooks.push(outcome.version);
      } catch (e) {
        if (!isAppError(e)) throw e;
        summary.warnings.push(`总会发布的手册 ${hb.version} 版未导入：${e.message}`);
      }
    }
  }

  /**
   * Call the server with this desk's session, for what is not a sync (账号管理). Fails in Chinese when
   * not signed in, offline, or refused by the server; changes nothing in the library.
   */
  async callServer<M extends FederationMethod>(method: M, input: FederationInput<M>): Promise<FederationOutput<M>> {
    const server = this.state.server();
    const token = this.state.token();
    if (!server || !token) throw new AppError(SYNC_ERROR.auth, '尚未登录总会服务器，请先在上方登录');
    return new FederationHttp(server.url, token).call(method, input);
  }

  /** Conflicts kept for one proposal, newest first. */
  conflicts(id: string) {
    const rows = this.lib.db
      .prepare(
        `SELECT conflict_rev, local_rev, title, by_user, at, received_at, dismissed_at FROM sync_conflicts
         WHERE proposal_id = ? ORDER BY received_at DESC, conflict_rev DESC`,
      )
      .all(id) as { conflict_rev: number; local_rev: number; title: string; by_user: string; at: string; received_at: string; dismissed_at: string | null }[];
    return rows.map((r) => ({
      conflictRev: r.conflict_rev,
      rev: r.local_rev,
      title: r.title,
      by: r.by_user,
      at: r.at,
      receivedAt: r.received_at,
      dismissed: r.dismissed_at !== null,
    }));
  }

  dismissConflict(id: string, conflictRev: number): void {
    const res = this.lib.db
      .prepare('UPDATE sync_conflicts SET dismissed_at = ? WHERE proposal_id = ? AND conflict_rev = ?')
      .run(new Date().toISOString(), id, conflictRev);
    if (res.changes === 0) throw new AppError('NOT_FOUND', '该冲突记录不存在');
  }
}
