import { z } from 'zod';
import { empty, type MethodSpec } from './common';

export const backupInfoSchema = z.object({ fileName: z.string(), path: z.string(), createdAt: z.string(), bytes: z.number().int() });
export type BackupInfoWire = z.infer<typeof backupInfoSchema>;

export const backupSettingsWireSchema = z.object({
  /** How many backups to keep; older ones are removed after each backup. */
  keep: z.number().int({ error: '保留份数须为整数' }).min(1, { error: '至少保留 1 份备份' }).max(100, { error: '最多保留 100 份备份' }),
  /** Whether a backup is taken once a day while the app runs. */
  daily: z.boolean(),
});

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
  'library.backupSettings': { input: empty, output: backupSettingsWireSchema },
  'library.setBackupSettings': { input: backupSettingsWireSchema, output: backupSettingsWireSchema },
  /** Keep the current library as a backup, put the chosen backup's content in its place, reopen the library. */
  'library.restore': {
    input: z.object({ fileName: z.string().min(1).max(200, { error: '备份文件名过长' }) }),
    output: z.object({ restoredFrom: backupInfoSchema, keptAs: backupInfoSchema }),
  },
  'library.exportReadable': {
    input: empty,
    output: z.object({ fileName: z.string(), dataBase64: z.string(), count: z.number().int(), lost: z.array(z.string()) }),
  },
} as const satisfies Record<string, MethodSpec>;
