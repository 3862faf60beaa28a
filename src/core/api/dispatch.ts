import { contract, isMethod, type Envelope, type Method, type MethodInputParsed, type MethodOutput } from '../../shared/api/contract';
import { describeIssues } from '../../shared/domain/fieldLabels';
import { isAppError } from '../../shared/errors';

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
    } catch (e) {
      if (isAppError(e)) return fail(e.code, e.message, e.details);
      log(e);
      return fail('INTERNAL', `操作失败：${e instanceof Error ? e.message : String(e)}。已保存的内容不受影响。`);
    }
  };
}
