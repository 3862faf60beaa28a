import { appMethods } from './methods/app';
import { methodGuard, methodNames, type InputOf, type OutputOf, type ParsedInputOf } from './methods/common';
import { bundleMethods } from './methods/bundles';
import { exportMethods } from './methods/export';
import { goliveMethods } from './methods/golive';
import { handbookMethods } from './methods/handbook';
import { dedupeMethods } from './methods/dedupe';
import { imageMethods } from './methods/images';
import { jobMethods } from './methods/jobs';
import { libraryMethods } from './methods/library';
import { proposalMethods } from './methods/proposals';
import { ruleMethods } from './methods/rules';
import { reviewMethods } from './methods/review';
import { statsMethods } from './methods/stats';
import { syncMethods } from './methods/sync';

/**
 * The API: every method a client may call, with the shape of its input and output. Both doors and
 * the core's dispatch are driven by this one table; each domain declares its methods in methods/.
 */
export const contract = {
  ...appMethods,
  ...proposalMethods,
  ...imageMethods,
  ...bundleMethods,
  ...exportMethods,
  ...ruleMethods,
  ...handbookMethods,
  ...dedupeMethods,
  ...libraryMethods,
  ...jobMethods,
  ...syncMethods,
  ...goliveMethods,
  ...reviewMethods,
  ...statsMethods,
};

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = InputOf<Contract, M>;
export type MethodInputParsed<M extends Method> = ParsedInputOf<Contract, M>;
export type MethodOutput<M extends Method> = OutputOf<Contract, M>;
export const METHODS: Method[] = methodNames(contract);
export const isMethod: (name: string) => name is Method = methodGuard(contract);

export interface WireError {
  code: string;
  message: string;
  details?: readonly string[];
}
/** What travels back through either door. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };
