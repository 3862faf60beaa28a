import { z } from 'zod';
import type { MethodSpec } from './common';

/**
 * Long operations the client may run as a job (off the thread that answers the UI), with progress
 * and cancel: imports, exports and the library-wide duplicate check.
 */
export const JOB_METHODS = [
  'bundle.inspect',
  'bundle.import',
  'bundle.export',
  'export.pack',
  'export.review',
  'export.combine',
  'dedupe.report',
  'dedupe.exportReport',
  'library.exportReadable',
  'library.check',
  'library.backup',
  'handbook.import',
  'rules.import',
] as const;
export type JobMethod = (typeof JOB_METHODS)[number];

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string(), details: z.array(z.string()).readonly().optional() }) }),
]);

export const jobStatusSchema = z.object({
  jobId: z.string(),
  method: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** 0–100 for the step named by `label`. */
  percent: z.number().int().min(0).max(100),
  label: z.string(),
  /** The method's own answer once the job is over: its value, or its error in Chinese. */
  result: envelopeSchema.nullable(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

const jobId = z.string().uuid({ error: '操作编号无效' });

export const jobMethods = {
  'job.start': {
    /** The payload is checked against the method's own input when the job runs. */
    input: z.object({ method: z.enum(JOB_METHODS, { error: '该操作不能在后台运行' }), payload: z.unknown() }),
    output: z.object({ jobId: z.string() }),
  },
  'job.status': { input: z.object({ jobId }), output: jobStatusSchema },
  'job.cancel': { input: z.object({ jobId }), output: jobStatusSchema },
} as const satisfies Record<string, MethodSpec>;
