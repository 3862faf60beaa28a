import type { z } from 'zod';
import { appMethods } from './methods/app';
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
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type MethodInputParsed<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;
export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export interface WireError {
  code: string;
  message: string;
  details?: readonly string[];
}
/** What travels back through either door. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };
