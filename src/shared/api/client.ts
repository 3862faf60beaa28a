import type { Envelope, Method, MethodInput, MethodOutput } from './contract';

/** Carries one call to the core and brings back its envelope: IPC in Electron, HTTP in the browser. */
export type Transport = (method: string, payload: unknown) => Promise<Envelope<unknown>>;

export class ApiError extends Error {
  readonly code: string;
  readonly details: readonly string[];
  constructor(code: string, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

export interface ApiClient {
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      let envelope: Envelope<unknown>;
      try {
        envelope = await transport(method, input);
      } catch (e) {
        throw new ApiError('TRANSPORT', `无法连接到善策后台：${e instanceof Error ? e.message : String(e)}`);
      }
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details ?? []);
      // The core already validated the output against the contract; the client trusts its own core.
      return envelope.value as never;
    },
  };
}
