import { z } from 'zod';
import { empty, type MethodSpec } from './common';

export const backupInfoSchema = z.object({ fileName: z.string(), path: z.string(), createdAt: z.string(), bytes: z.number().int() });
export type BackupInfoWire = z.infer<typeof backupInfoSchema>;

/** The library file itself: its health, the full check, backups, and rescuing what is readable. */
export const libraryMethods = {
  'library.health': {
    input: empty,
    output: z.object({
      state: z.enum(['ok', 'damaged']),
      readOnly: z.boolean(),
      /** Chinese notice to show while the library is damaged; null when healthy. */
      notice: z.string().nullable(),
      backupDir: z.string(),
      backups: z.array(backupInfoSchema),
    }),
  },
  'library.check': {
    input: empty,
    output: z.object({ ok: z.boolean(), problems: z.array(z.string()) }),
  },
  'library.backup': {
    input: empty,
    output: backupInfoSchema,
  },
  'library.exportReadable': {
    input: empty,
    output: z.object({ fileName: z.string(), dataBase64: z.string(), count: z.number().int(), lost: z.array(z.string()) }),
  },
} as const satisfies Record<string, MethodSpec>;
