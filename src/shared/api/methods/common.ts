import { z } from 'zod';

/** Inputs and outputs that carry a file travel as base64 inside JSON, through either door. */
export const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4 + 4, { error: `文件过大（上限 ${Math.round(maxBytes / 1024 / 1024)} MB）` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '文件内容编码无效' });

export const empty = z.object({}).default({});

export type MethodSpec = { input: z.ZodType; output: z.ZodType };

/**
 * A table of methods — the desktop's contract or the federation server's. The types and the guard
 * below serve both, so the two APIs cannot drift in how a method's input and output are read.
 */
export type MethodTable = Record<string, MethodSpec>;
/** What a caller passes to method M (zod defaults not applied yet). */
export type InputOf<T extends MethodTable, M extends keyof T> = z.input<T[M]['input']>;
/** Method M's input after parsing: what its handler receives. */
export type ParsedInputOf<T extends MethodTable, M extends keyof T> = z.output<T[M]['input']>;
/** What method M answers. */
export type OutputOf<T extends MethodTable, M extends keyof T> = z.output<T[M]['output']>;

export function methodNames<T extends MethodTable>(table: T): Extract<keyof T, string>[] {
  return Object.keys(table) as Extract<keyof T, string>[];
}

/** A guard for a method name off the wire: own names only, so 'toString' or '__proto__' is no method. */
export function methodGuard<T extends MethodTable>(table: T): (name: string) => name is Extract<keyof T, string> {
  return (name): name is Extract<keyof T, string> => Object.prototype.hasOwnProperty.call(table, name);
}
