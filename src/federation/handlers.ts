import { describeIssues } from '../shared/domain/fieldLabels';
import { AppError, isAppError } from '../shared/errors';
import {
  federationContract,
  isFederationMethod,
  type FederationEnvelope,
  type FederationInputParsed,
  type FederationMethod,
  type FederationOutput,
  type FederationUser,
} from '../shared/federation/contract';
import { account, addUser, authenticate, listAccounts, login, logout, setDisabled, setPassword } from './accounts';
import { audit } from './audit';
import type { Database } from './db/sql';
import { getImage, missingImages, putImage } from './images';
import { demand } from './policy';
import { deleteOne, pushOne } from './proposals';
import type { PushMemory } from './pushMemory';
import { publishHandbook, publishPack } from './publish';
import { getWhole, pull } from './pull';
import { reviewFederationHandlers } from './reviewHandlers';
import { JsonText } from './jsonText';
import { TextCache } from './textCache';
import { FederationStatsSource } from './stats';
import { buildStatsReport, drillProjects } from '../core/stats/build';
import { federationDue } from './calendar';
import type { SimilarIndex } from './similar';

export interface RequestContext {
  /** The bearer token sent, if any. */
  token: string | null;
  /** The caller's address, for the audit log of refused logins. */
  remote: string;
}

interface Session {
  user: FederationUser;
  token: string;
}

/** A handler answers with the output, or with its JSON text already written (a pull; see jsonText.ts). */
type Handler<M extends FederationMethod> = (input: FederationInputParsed<M>, session: Session) => Promise<FederationOutput<M> | JsonText>;
type Handlers = { [M in Exclude<FederationMethod, 'auth.login'>]: Handler<M> };

export interface FederationDeps {
  db: Database;
  similar: SimilarIndex;
  /** Where the shipped rule packs are (their disclosure clocks); by default the app's templates. */
  templatesDir?: string;
}

function handlers({ db, similar, templatesDir }: FederationDeps): Handlers {
  const texts = new TextCache();
  const pushMemory: PushMemory = { texts, heads: new Map() };
  return {
    'auth.logout': async (_input, { token }) => (await logout(db, token), {}),
    'auth.me': async (_input, { user }) => user,
    'images.missing': async ({ sha256 }) => ({ missing: await missingImages(db, sha256) }),
    'images.put': async ({ sha256, mime, data }) => ({ stored: await putImage(db, sha256, mime, data) }),
    'images.get': async ({ sha256 }) => getImage(db, sha256),
    'sync.push': async ({ items }, { user }) => {
      const results = [];
      for (const item of items) {
        const result = await pushOne(db, user, item.proposal, item.baseRev, pushMemory);
        results.push(result);
        if (result.status === 'accepted') similar.put(item.proposal);
        else if (result.status === 'conflict') similar.put(result.current.proposal);
      }
      return { results };
    },
    'sync.delete': async ({ ids }, { user }) => {
      const results = [];
      for (const id of ids) {
        const result = await deleteOne(db, user, id);
        if (result.status === 'deleted') similar.remove(id);
        results.push(result);
      }
      return { results };
    },
    'sync.pull': async ({ cursor, limit, changes, reviewCursor }, { user }) => pull(db, texts, user, cursor, limit, changes, reviewCursor),
    'sync.get': async ({ ids }, { user }) => getWhole(db, user, ids),
    'rules.publish': async ({ pack }, { user }) => {
      demand(user, 'publish', '只有培训老师和管理员可以发布规则包');
      const out = await publishPack(db, user, pack);
      await audit(db, { user: user.name, action: 'rules.publish', target: `${out.id}@${out.version}`, outcome: 'ok' });
      return out;
    },
    'handbook.publish': async ({ version, package: pkg }, { user }) => {
      demand(user, 'publish', '只有培训老师和管理员可以发布手册');
      const out = await publishHandbook(db, user, version, pkg);
      await audit(db, { user: user.name, action: 'handbook.publish', target: version, outcome: 'ok' });
      return out;
    },
    'stats.report': async (query, { user }) => {
      demand(user, 'readAll', '只有总会审核人和管理员可以查看全市统计报表');
      return buildStatsReport(new FederationStatsSource(db), query);
    },
    'stats.projects': async ({ drill, ...query }, { user }) => {
      demand(user, 'readAll', '只有总会审核人和管理员可以查看全市统计报表');
      return drillProjects(new FederationStatsSource(db), query, drill);
    },
    'disclosure.due': async (q, { user }) => federationDue(db, templatesDir, user, q),
    'accounts.list': async (_input, { user }) => {
      demand(user, 'manageAccounts', '只有管理员可以管理账号');
      return { accounts: await listAccounts(db) };
    },
    'accounts.add': async (input, { user }) => {
      demand(user, 'manageAccounts', '只有管理员可以添加账号');
      await addUser(db, input);
      await audit(db, { user: user.name, action: 'accounts.add', target: input.name, outcome: 'ok', detail: `${input.district} ${input.role}` });
      return account(db, input.name);
    },
    'accounts.setDisabled': async ({ name, disabled }, { user }) => {
      demand(user, 'manageAccounts', '只有管理员可以停用或启用账号');
      if (disabled && name === user.name) throw new AppError('INVALID_INPUT', '不能停用自己正在使用的账号');
      await setDisabled(db, name, disabled);
      await audit(db, { user: user.name, action: 'accounts.setDisabled', target: name, outcome: 'ok', detail: disabled ? '停用' : '启用' });
      return account(db, name);
    },
    'accounts.resetPassword': async ({ name, password }, { user }) => {
      demand(user, 'manageAccounts', '只有管理员可以重设密码');
      await setPassword(db, name, password);
      await audit(db, { user: user.name, action: 'accounts.resetPassword', target: name, outcome: 'ok' });
      return account(db, name);
    },
    'dedupe.similar': async ({ proposal, limit }, { user }) => ({ matches: similar.similar(user, proposal, limit) }),
    ...reviewFederationHandlers({ db, similar, memory: pushMemory }),
  };
}

const fail = (code: string, message: string, details: readonly string[] = []): FederationEnvelope<never> => ({ ok: false, error: { code, message, details } });

export type FederationDispatch = (method: string, payload: unknown, ctx: RequestContext) => Promise<FederationEnvelope<unknown>>;

/**
 * The server's one way in: the method and its input checked against the contract, the session
 * checked for every method but login, the handler run, its output checked. Refusals are audited.
 */
export function createFederationDispatch(deps: FederationDeps, log: (e: unknown) => void = console.error): FederationDispatch {
  const table = handlers(deps);
  const { db } = deps;
  return async (method, payload, ctx) => {
    if (!isFederationMethod(method)) return fail('UNKNOWN_METHOD', `未知的操作：${method}`);
    const spec = federationContract[method];
    const input = spec.input.safeParse(payload ?? {});
    if (!input.success) return fail('INVALID_INPUT', '提交的内容不符合要求', describeIssues(input.error));
    let user: FederationUser | null = null;
    try {
      let value: unknown;
      if (method === 'auth.login') {
        const { user: name, password } = input.data as FederationInputParsed<'auth.login'>;
        try {
          value = await login(db, name, password);
        } catch (e) {
          await audit(db, { user: name, action: 'auth.login', target: ctx.remote, outcome: 'refused', detail: isAppError(e) ? e.message : '' });
          throw e;
        }
        await audit(db, { user: name, action: 'auth.login', target: ctx.remote, outcome: 'ok' });
      } else {
        if (!ctx.token) throw new AppError('UNAUTHORIZED', '请先登录总会服务器');
        user = await authenticate(db, ctx.token);
        const handler = table[method] as (i: unknown, s: Session) => Promise<unknown>;
        value = await handler(input.data, { user, token: ctx.token });
      }
      // Text the server wrote itself (a pull: whole proposals, each parsed with the proposal schema
      // when it was pushed) is not parsed again on the way out; desks parse every answer themselves.
      return { ok: true, value: value instanceof JsonText ? value : spec.output.parse(value) };
    } catch (e) {
      if (isAppError(e)) {
        if ((e.code === 'FORBIDDEN' || e.code === 'UNAUTHORIZED') && method !== 'auth.login') {
          await audit(db, { user: user?.name ?? null, action: method, target: ctx.remote, outcome: 'refused', detail: e.message }).catch(log);
        }
        return fail(e.code, e.message, e.details);
      }
      log(e);
      return fail('INTERNAL', '服务器处理请求时出错。已确认保存的内容不受影响；请稍后重试，或联系总会管理员查看服务器日志。');
    }
  };
}
