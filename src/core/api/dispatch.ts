import { contract, isMethod, type Envelope, type Method, type MethodInputParsed, type MethodOutput } from '../../shared/api/contract';
import { describeIssues } from '../../shared/domain/fieldLabels';
import { AppError, isAppError } from '../../shared/errors';
import { libraryBusy } from '../db/open';

export type Handlers = {
  [M in Method]: (input: MethodInputParsed<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export type Dispatch = (method: string, payload: unknown) => Promise<Envelope<unknown>>;

const fail = (code: string, message: string, details: readonly string[] = []): Envelope<never> => ({
  ok: false,
  error: { code, message, details },
});

/**
 * The one way into the core, for both doors: check the method and its input against the contract,
 * run the handler, check its output. Errors come back as envelopes with a Chinese message.
 */
export function createDispatch(handlers: Handlers, log: (e: unknown) => void = console.error): Dispatch {
  return async (method, payload) => {
    if (!isMethod(method)) return fail('UNKNOWN_METHOD', `未知的操作：${method}`);
    const spec = contract[method];
    const input = spec.input.safeParse(payload ?? {});
    if (!input.success) return fail('INVALID_INPUT', '提交的内容不符合要求', describeIssues(input.error));
    try {
      const handler = handlers[method] as (i: unknown) => unknown;
      const value = spec.output.parse(await handler(input.data));
      return { ok: true, value };
    } catch (caught) {
      const e = explainSqliteError(caught);
      if (isAppError(e)) return fail(e.code, e.message, e.details);
      log(e);
      return fail('INTERNAL', `操作失败：${e instanceof Error ? e.message : String(e)}。已保存的内容不受影响。`);
    }
  };
}

/**
 * SQLite's own errors in words a user can act on. A damaged or read-only library must not be
 * answered with 「已保存的内容不受影响」: the write did not happen and the file needs attention.
 */
export function explainSqliteError(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  if (code.startsWith('SQLITE_BUSY')) return libraryBusy();
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppError('DB_DAMAGED', '项目库当前为只读（可能已损坏，或文件不可写），这次修改没有保存。请在「设置」中导出可读内容或从备份恢复。');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('DB_DAMAGED', '项目库文件已损坏，这次操作没有完成。请不要继续编辑：在「设置」中导出全部可读内容，或从备份恢复。');
  }
  if (code.startsWith('SQLITE_FULL')) return new AppError('DB_UNREADABLE', '磁盘空间已满，这次修改没有保存。请清理磁盘后再试。');
  return e;
}
