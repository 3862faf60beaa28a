import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../shared/errors';
import { passwordSchema, roleSchema, districtSchema, userNameSchema, type Account, type FederationUser, type RoleId } from '../shared/federation/contract';
import type { Sql } from './db/sql';

/** scrypt with N = 2^15, r = 8: 32 MiB and roughly 0.1 s per hash, memory-hard against GPU guessing. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const satisfies ScryptOptions;
const KEY_BYTES = 32;
export const SESSION_DAYS = 14;
/** Failed logins in a row before the account waits; each further failure doubles the wait. */
const FREE_FAILURES = 5;
const MAX_LOCK_SECONDS = 15 * 60;

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, KEY_BYTES, opts, (e, key) => (e ? reject(e) : resolve(key))));
}

/** `scrypt$N$r$p$salt$key`, base64 parts: the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Hashed the same way for unknown users, so a login's timing does not say whether the name exists. */
let dummyHash: Promise<string> | null = null;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewUser {
  name: string;
  district: string;
  role: string;
  password: string;
}

export async function addUser(db: Sql, input: NewUser): Promise<FederationUser> {
  const name = userNameSchema.safeParse(input.name);
  const district = districtSchema.safeParse(input.district);
  const role = roleSchema.safeParse(input.role);
  const password = passwordSchema.safeParse(input.password);
  const problems = [name, district, role, password].flatMap((r) => (r.success ? [] : r.error.issues.map((i) => i.message)));
  if (problems.length > 0 || !name.success || !district.success || !role.success) {
    throw new AppError('INVALID_INPUT', '无法添加用户', problems);
  }
  const hash = await hashPassword(input.password);
  const rows = await db.query<{ name: string }>(
    `INSERT INTO users (name, district, role, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING name`,
    [name.data, district.data, role.data, hash],
  );
  if (rows.length === 0) throw new AppError('CONFLICT', `用户「${name.data}」已存在`);
  return { name: name.data, district: district.data, role: role.data };
}

export async function setPassword(db: Sql, name: string, password: string): Promise<void> {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? '密码无效');
  const rows = await db.query('UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE name = $1 RETURNING name', [name, await hashPassword(password)]);
  if (rows.length === 0) throw new AppError('NOT_FOUND', `用户「${name}」不存在`);
  await db.query('DELETE FROM sessions WHERE user_name = $1', [name]);
  // After the delete: a check that read the session before it must not be what stays remembered.
  forgetSessionsOf(db, name);
}

interface UserRow {
  name: string;
  district: string;
  role: RoleId;
  password_hash: string;
  failed_logins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Date;
}

const asUser = (r: Pick<UserRow, 'name' | 'district' | 'role'>): FederationUser => ({
  name: r.name,
  district: r.district as FederationUser['district'],
  role: r.role,
});

/**
 * Check a password and open a session. Repeated failures make the account wait before the next try
 * (the wait doubles, up to 15 minutes), which slows guessing without locking anyone out for long.
 */
export async function login(db: Sql, name: string, password: string, now = new Date()): Promise<{ token: string; expiresAt: string; user: FederationUser }> {
  const row = (await db.query<UserRow>('SELECT * FROM users WHERE name = $1', [name]))[0];
  if (!row) {
    dummyHash ??= hashPassword('not a password of anyone');
    await verifyPassword(password, await dummyHash);
    throw new AppError('UNAUTHORIZED', '用户名或密码不正确');
  }
  if (row.locked_until && row.locked_until.getTime() > now.getTime()) {
    const seconds = Math.ceil((row.locked_until.getTime() - now.getTime()) / 1000);
    throw new AppError('UNAUTHORIZED', `密码错误次数过多，请 ${seconds} 秒后再试`);
  }
  if (!(await verifyPassword(password, row.password_hash))) {
    const failures = row.failed_logins + 1;
    const wait = failures >= FREE_FAILURES ? Math.min(MAX_LOCK_SECONDS, 2 ** (failures - FREE_FAILURES + 1)) : 0;
    await db.query(`UPDATE users SET failed_logins = $2, locked_until = $3 WHERE name = $1`, [
      name,
      failures,
      wait > 0 ? new Date(now.getTime() + wait * 1000) : null,
    ]);
    throw new AppError('UNAUTHORIZED', wait > 0 ? `用户名或密码不正确。错误次数过多，请 ${wait} 秒后再试` : '用户名或密码不正确');
  }
  // Said only to whoever knows the password: a disabled account never gets a session.
  if (row.disabled_at) throw new AppError('UNAUTHORIZED', '该账号已停用，请联系总会管理员');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE name = $1', [name]);
  await db.query('DELETE FROM sessions WHERE user_name = $1 AND expires_at < $2', [name, now]);
  await db.query('INSERT INTO sessions (token_hash, user_name, expires_at) VALUES ($1, $2, $3)', [tokenHash(token), name, expiresAt]);
  return { token, expiresAt: expiresAt.toISOString(), user: asUser(row) };
}

/**
 * Sessions this server checked a moment ago, per database. A desk's sync is two or three requests,
 * and when 42 desks sync at once each query queues behind the others (PGlite runs them one at a
 * time): a token checked within the last few seconds is not looked up again. What this server
 * changes itself (logout, a disabled account, a new password) takes effect at once; the same change
 * made by another process on the database (a second server on one PostgreSQL) within RECHECK_MS.
 */
const RECHECK_MS = 5_000;
const MAX_RECENT = 10_000;
interface Checked {
  user: FederationUser;
  expiresAt: number;
  checkedAt: number;
}
const recentSessions = new WeakMap<Sql, Map<string, Checked>>();

function recentOf(db: Sql): Map<string, Checked> {
  let recent = recentSessions.get(db);
  if (!recent) recentSessions.set(db, (recent = new Map()));
  return recent;
}

function forgetSessionsOf(db: Sql, name: string): void {
  const recent = recentSessions.get(db);
  if (recent) for (const [hash, c] of recent) if (c.user.name === name) recent.delete(hash);
}

/** The user a session token belongs to; refused when unknown or expired. */
export async function authenticate(db: Sql, token: string, now = new Date()): Promise<FederationUser> {
  const hash = tokenHash(token);
  const recent = recentOf(db);
  const seen = recent.get(hash);
  const at = now.getTime();
  if (seen && at >= seen.checkedAt && at - seen.checkedAt < RECHECK_MS && at < seen.expiresAt) return seen.user;
  recent.delete(hash);
  const row = (
    await db.query<UserRow & { expires_at: Date }>(
      `SELECT u.name, u.district, u.role, s.expires_at FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = $1 AND u.disabled_at IS NULL`,
      [hash],
    )
  )[0];
  if (!row) throw new AppError('UNAUTHORIZED', '登录已失效，请重新登录');
  if (row.expires_at.getTime() <= at) throw new AppError('UNAUTHORIZED', '登录已过期，请重新登录');
  const user = asUser(row);
  if (recent.size >= MAX_RECENT) recent.clear();
  recent.set(hash, { user, expiresAt: row.expires_at.getTime(), checkedAt: at });
  return user;
}

export async function logout(db: Sql, token: string): Promise<void> {
  const hash = tokenHash(token);
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hash]);
  recentSessions.get(db)?.delete(hash);
}

export async function listUsers(db: Sql): Promise<FederationUser[]> {
  return (await db.query<UserRow>('SELECT name, district, role FROM users ORDER BY district, name')).map(asUser);
}

const ACCOUNT_COLUMNS = `u.name, u.district, u.role, u.disabled_at, u.created_at, l.at AS last_sync_at`;
const ACCOUNT_FROM = `users u LEFT JOIN sync_log l ON l.user_name = u.name`;

function asAccount(r: Pick<UserRow, 'name' | 'district' | 'role' | 'disabled_at' | 'created_at'> & { last_sync_at: Date | null }): Account {
  return { ...asUser(r), disabled: r.disabled_at !== null, createdAt: r.created_at.toISOString(), lastSyncAt: r.last_sync_at?.toISOString() ?? null };
}

/** Every account, for the administrators' 账号管理, by district then name. */
export async function listAccounts(db: Sql): Promise<Account[]> {
  return (await db.query<Parameters<typeof asAccount>[0]>(`SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM} ORDER BY u.district, u.name`)).map(asAccount);
}

export async function account(db: Sql, name: string): Promise<Account> {
  const row = (await db.query<Parameters<typeof asAccount>[0]>(`SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM} WHERE u.name = $1`, [name]))[0];
  if (!row) throw new AppError('NOT_FOUND', `用户「${name}」不存在`);
  return asAccount(row);
}

/** Disable an account (its sessions end at once) or enable it again. */
export async function setDisabled(db: Sql, name: string, disabled: boolean): Promise<void> {
  const rows = await db.query(
    `UPDATE users SET disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, now()) END, failed_logins = 0, locked_until = NULL WHERE name = $1 RETURNING name`,
    [name, disabled],
  );
  if (rows.length === 0) throw new AppError('NOT_FOUND', `用户「${name}」不存在`);
  if (!disabled) return;
  await db.query('DELETE FROM sessions WHERE user_name = $1', [name]);
  // After the delete: a check that read the session before it must not be what stays remembered.
  forgetSessionsOf(db, name);
}
