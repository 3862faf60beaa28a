import { z } from 'zod';
import { PLATFORM_IDS } from '../../domain/catalog';
import { disclosureSchema, idSchema, isoDateSchema, proposalSchema, publicationSchema } from '../../domain/proposal';
import { ruleSourceSchema } from '../../rules/source';
import { base64, type MethodSpec } from './common';
import { askServerField, notHereField, originSchema } from './serverOrigin';

/** After going live: money raised per platform, the disclosure calendar, disclosure records and their texts. */

const platformIdSchema = z.enum(PLATFORM_IDS, { error: '未知的平台' });
const DONATIONS_FILE_BYTES = 200 * 1024 * 1024;

export const dueItemSchema = z.object({
  proposalId: idSchema,
  title: z.string(),
  district: z.string(),
  clock: z.enum(['law', 'platform', 'completion']),
  platform: platformIdSchema.nullable(),
  since: isoDateSchema,
  due: isoDateSchema,
  daysLeft: z.number().int(),
  state: z.enum(['upcoming', 'due', 'overdue', 'veryLate']),
  reason: z.string(),
  source: ruleSourceSchema,
});
export type DueItemOut = z.infer<typeof dueItemSchema>;

const dueQuerySchema = z.object({ withinDays: z.number().int().min(0).max(3660).default(14), district: z.string().max(50).nullable().default(null) });
const dueListSchema = z.object({ items: z.array(dueItemSchema), today: isoDateSchema });
/** The federation server's 披露日程 (src/shared/federation/contract.ts): the same list over every district. */
export const serverDisclosureDue = { input: dueQuerySchema, output: dueListSchema } as const satisfies MethodSpec;

const checkSchema = z.object({ level: z.enum(['error', 'warning']), message: z.string() });
const columnMappingInput = z
  .object({ recordId: z.string().trim().min(1).max(100), donatedAt: z.string().trim().min(1).max(100), amount: z.string().trim().min(1).max(100), donor: z.string().trim().min(1).max(100), projectNumber: z.string().trim().min(1).max(100) })
  .partial()
  .strict();

const donationsInput = z.object({
  platform: platformIdSchema,
  proposalId: idSchema.nullable().default(null),
  dataBase64: base64(DONATIONS_FILE_BYTES),
  mapping: columnMappingInput.nullable().default(null),
});

const donationRowSchema = z.object({ row: z.number(), key: z.string(), donatedAt: z.string(), amountFen: z.number(), donor: z.string(), proposalId: z.string(), projectNumber: z.string() });
export const donationPreviewSchema = z.object({
  platform: platformIdSchema,
  encoding: z.enum(['utf-8', 'gbk', 'xlsx']),
  headers: z.array(z.string()),
  mapping: columnMappingInput,
  rowCount: z.number(),
  newCount: z.number(),
  newFen: z.number(),
  alreadyImported: z.number(),
  duplicatesInFile: z.array(z.object({ row: z.number(), sameAs: z.number() })),
  problems: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
  problemCount: z.number(),
  sample: z.array(donationRowSchema),
  listings: z.array(z.object({ proposalId: z.string(), title: z.string(), projectNumber: z.string(), newCount: z.number(), newFen: z.number() })),
});
export type DonationPreviewOut = z.infer<typeof donationPreviewSchema>;

export const updateTextSchema = z.object({
  target: z.string(),
  label: z.string(),
  text: z.string(),
  problems: z.array(z.string()),
  published: z.object({ date: z.string(), url: z.string() }).nullable(),
});

export const goliveMethods = {
  /**
   * What is due within `withinDays` or overdue, across the library (and other districts' synced
   * proposals), or with `fromServer` from the federation server when connected.
   */
  'disclosure.due': {
    input: dueQuerySchema.extend(askServerField),
    output: dueListSchema.extend({ origin: originSchema, ...notHereField }),
  },
  /** One project's whole calendar (every clock's next date, however far). */
  'disclosure.calendar': {
    input: z.object({ id: idSchema }),
    output: z.object({ items: z.array(dueItemSchema), today: isoDateSchema }),
  },
  /** Add or replace a disclosure record (by its id); errors refuse it, warnings come back. */
  'disclosure.set': {
    input: z.object({ id: idSchema, disclosure: disclosureSchema }),
    output: z.object({ proposal: proposalSchema, checks: z.array(checkSchema) }),
  },
  'disclosure.remove': {
    input: z.object({ id: idSchema, disclosureId: idSchema }),
    output: proposalSchema,
  },
  /** The 已发布 mark of one platform (or 慈善中国). */
  'disclosure.publish': {
    input: z.object({ id: idSchema, disclosureId: idSchema, mark: publicationSchema }),
    output: proposalSchema,
  },
  /** Each platform's progress update text from one record, and the record's own checks. */
  'disclosure.texts': {
    input: z.object({ id: idSchema, disclosureId: idSchema }),
    output: z.object({ items: z.array(updateTextSchema), checks: z.array(checkSchema) }),
  },
  /** 结项: the final report (a disclosure of kind final) as a 公文-style DOCX. */
  'disclosure.finalDocx': {
    input: z.object({ id: idSchema, disclosureId: idSchema }),
    output: z.object({ fileName: z.string(), dataBase64: z.string() }),
  },
  /** A donations export's header, first rows and recognised columns, to map the rest by hand; writes nothing. */
  'funds.columns': {
    input: z.object({ platform: platformIdSchema, dataBase64: base64(DONATIONS_FILE_BYTES) }),
    output: z.object({
      encoding: z.enum(['utf-8', 'gbk', 'xlsx']),
      headers: z.array(z.string()),
      sample: z.array(z.array(z.string())),
      rowCount: z.number(),
      fields: z.array(z.object({ id: z.enum(['recordId', 'donatedAt', 'amount', 'donor', 'projectNumber']), label: z.string(), required: z.boolean() })),
      mapping: columnMappingInput,
      problems: z.array(z.string()),
    }),
  },
  /** Read a donations export and show what importing it would do; writes nothing. */
  'funds.preview': { input: donationsInput, output: donationPreviewSchema },
  /** Import the export the user confirmed. */
  'funds.import': { input: donationsInput, output: donationPreviewSchema.extend({ imported: z.number() }) },
} as const satisfies Record<string, MethodSpec>;
