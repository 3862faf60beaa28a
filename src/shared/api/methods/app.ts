import { z } from 'zod';
import { empty, type MethodSpec } from './common';

export const appMethods = {
  'app.info': {
    input: empty,
    output: z.object({
      version: z.string(),
      dbPath: z.string(),
      dbSchemaVersion: z.number().int(),
    }),
  },
} as const satisfies Record<string, MethodSpec>;
