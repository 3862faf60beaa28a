import { z } from 'zod';

/** Inputs and outputs that carry a file travel as base64 inside JSON, through either door. */
export const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4 + 4, { error: `文件过大（上限 ${Math.round(maxBytes / 1024 / 1024)} MB）` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '文件内容编码无效' });

export const empty = z.object({}).default({});

export type MethodSpec = { input: z.ZodType; output: z.ZodType };
