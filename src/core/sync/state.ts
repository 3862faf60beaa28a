import { parseProposal } from '../../shared/domain/factory';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { FederationUser } from '../../shared/federation/contract';
import type { Db } from '../db/open';
import { MemoryTokenStore, type SessionTokenStore } from './tokenStore';

export interface ServerRow {
  url: string;
  user_name: string;
  district: string;
  role: string;
  token_expires_at: string | null;
  cursor: number;
  last_sync_at: string | null;
  last_error: string | null;
}

export interface SyncedRow {
  proposal_id: string;
  rev: number | null;
  hash: string | null;
  updated_at: string | null;
  rejected_hash: string | null;
  rejected_updated_at: string | null;
  rejected_reason: string | null;
  /** When the server last had this proposal (a push it took or a pull). */
  synced_at: string;
}

/** The sync tables of one library: which server, the session, the cursor, and per proposal what the server has. */
export class SyncState {
  constructor(
    private readonly db: Db,
    private readonly tokens: SessionTokenStore = new MemoryTokenStore(),
  ) {
    this.moveTokenOut();
  }

  /**
   * Libraries from before the token lived outside kept it in sync_server.token: it moves to the
   * token store, and is wiped from the file (secure_delete overwrites the freed bytes).
   */
  private moveTokenOut(): void {
    const row = this.db.prepare('SELECT token FROM sync_server WHERE id = 1 AND token IS NOT NULL').get() as { token: string } | undefined;
    if (!row) return;
    if (this.tokens.read() === null) this.tokens.write(row.token);
    const secure = this.db.pragma('secure_delete', { simple: true });
    this.db.pragma('secure_delete = ON');
    try {
      this.db.prepare('UPDATE sync_server SET token = NULL WHERE id = 1').run();
    } finally {
      this.db.pragma(`secure_delete = ${Number(secure)}`);
    }
  }

  /** The session token, kept outside the library file (see tokenStore.ts). */
  token(): string | null {
    return this.tokens.read();
  }

  server(): ServerRow | null {
    return (this.db.prepare('SELECT * FROM sync_server WHERE id = 1').get() as ServerRow | undefined) ?? null;
  }

  /**
   * Remember a successful login. Another server (or another district) starts over: its revisions and
   * cursor mean nothing here, and other districts' proposals are fetched again from the new one.
   */
  saveLogin(url: string, user: FederationUser, token: string, expiresAt: string): void {
    this.db.transaction(() => {
      const old = this.server();
      if (old && (old.url !== url || old.district !== user.district)) {
        this.db.exec('DELETE FROM sync_proposals; DELETE FROM remote_proposals; UPDATE sync_server SET cursor = 0');
      }
      this.db
        .prepare(
          `INSERT INTO sync_server (id, url, user_name, district, role, token_expires_at, cursor)
           VALUES (1, @url, @name, @district, @role, @expiresAt, 0)
           ON CONFLICT (id) DO UPDATE SET url = excluded.url, user_name = excluded.user_name, district = excluded.district,
             role = excluded.role, token_expires_at = excluded.token_expires_at, last_error = NULL`,
        )
        .run({ url, name: user.name, district: user.district, role: user.role, expiresAt });
    })();
    this.tokens.write(token);
  }

  forgetSession(): void {
    this.tokens.write(null);
    this.db.prepare('UPDATE sync_server SET token_expires_at = NULL WHERE id = 1').run();
  }

  setCursor(cursor: number): void {
    this.db.prepare('UPDATE sync_server SET cursor = ? WHERE id = 1').run(cursor);
  }

  finished(at: string): void {
    this.db.prepare('UPDATE sync_server SET last_sync_at = ?, last_error = NULL WHERE id = 1').run(at);
  }

  failed(message: string): void {
    this.db.prepare('UPDATE sync_server SET last_error = ? WHERE id = 1').run(message);
  }

  synced(id: string): SyncedRow | undefined {
    return this.db.prepare('SELECT * FROM sync_proposals WHERE proposal_id = ?').get(id) as SyncedRow | undefined;
  }

  /** The server holds this content of the proposal as revision `rev`. */
  markSynced(id: string, rev: number, hash: string, updatedAt: string): void {
    this.db
      .prepare(
        `INSERT INTO sync_proposals (proposal_id, rev, hash, updated_at, synced_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (proposal_id) DO UPDATE SET rev = excluded.rev, hash = excluded.hash, updated_at = excluded.updated_at,
           synced_at = excluded.synced_at, rejected_hash = NULL, rejected_updated_at = NULL, rejected_reason = NULL`,
      )
      .run(id, rev, hash, updatedAt, new Date().toISOString());
  }

  /** The server refused this content; it is not offered again until the proposal changes. */
  markRejected(id: string, hash: string, updatedAt: string, reason: string): void {
    this.db
      .prepare(
        `INSERT INTO sync_proposals (proposal_id, synced_at, rejected_hash, rejected_updated_at, rejected_reason) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (proposal_id) DO UPDATE SET rejected_hash = excluded.rejected_hash,
           rejected_updated_at = excluded.rejected_updated_at, rejected_reason = excluded.rejected_reason`,
      )
      .run(id, new Date().toISOString(), hash, updatedAt, reason);
  }

  /**
   * Live proposals saved since the server last had them (a cheap count for the header: any save
   * changes updated_at). The queue itself compares content hashes.
   */
  changedIds(): string[] {
    return (
      this.db
        .prepare(
          `SELECT p.id FROM proposals p LEFT JOIN sync_proposals s ON s.proposal_id = p.id
           WHERE p.deleted_at IS NULL AND (s.updated_at IS NULL OR s.updated_at != p.updated_at)
           ORDER BY p.updated_at`,
        )
        .all() as { id: string }[]
    ).map((r) => r.id);
  }

  /** Changed proposals minus those the server refused as they are now, plus deletions to send. */
  pendingCount(): number {
    return (
      (
        this.db
          .prepare(
            `SELECT count(*) AS n FROM proposals p LEFT JOIN sync_proposals s ON s.proposal_id = p.id
             WHERE p.deleted_at IS NULL AND (s.updated_at IS NULL OR s.updated_at != p.updated_at)
               AND (s.rejected_updated_at IS NULL OR s.rejected_updated_at != p.updated_at)`,
          )
          .get() as { n: number }
      ).n + this.deletedIds().length
    );
  }

  /**
   * Proposals the server holds that this desk moved to the trash since: deletions to send. The
   * server's record of them is forgotten once it has deleted them, so a restore sends them again.
   */
  deletedIds(): string[] {
    return (
      this.db
        .prepare(
          `SELECT s.proposal_id AS id FROM sync_proposals s LEFT JOIN proposals p ON p.id = s.proposal_id
           WHERE s.rev IS NOT NULL AND (p.id IS NULL OR p.deleted_at IS NOT NULL) ORDER BY s.proposal_id`,
        )
        .all() as { id: string }[]
    ).map((r) => r.id);
  }

  /** The server no longer holds this proposal (deleted there): what it had is forgotten. */
  forget(id: string): void {
    this.db.prepare('DELETE FROM sync_proposals WHERE proposal_id = ?').run(id);
  }

  rejected(): { id: string; title: string; reason: string }[] {
    return this.db
      .prepare(
        `SELECT p.id, p.title, s.rejected_reason AS reason FROM sync_proposals s JOIN proposals p ON p.id = s.proposal_id
         WHERE s.rejected_updated_at = p.updated_at AND p.deleted_at IS NULL ORDER BY p.title`,
      )
      .all() as { id: string; title: string; reason: string }[];
  }

  remoteProposal(id: string): { proposal: Proposal; district: string; by: string; at: string; rev: number } {
    const row = this.db.prepare('SELECT json, district, by_user, at, rev FROM remote_proposals WHERE id = ?').get(id) as
      | { json: string; district: string; by_user: string; at: string; rev: number }
      | undefined;
    if (!row) throw new AppError('NOT_FOUND', '该项目不在本机收到的其他区县项目中（可能已被退回修改），请同步后再试');
    return { proposal: parseProposal(JSON.parse(row.json)), district: row.district, by: row.by_user, at: row.at, rev: row.rev };
  }

  remoteCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM remote_proposals').get() as { n: number }).n;
  }
}
