import { z } from 'zod';
import { PROPOSAL_SCHEMA_VERSION, proposalSchema } from './proposal';

/**
 * The proposal file format as JSON Schema, for people who write proposal files outside the app.
 * It describes the input side: fields with defaults may be left out.
 */
export function proposalJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(proposalSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://shance.local/schema/proposal-v${PROPOSAL_SCHEMA_VERSION}.json`,
    title: '善策 ShanCe 项目方案 / proposal',
    description:
      '善策项目方案文件格式。金额以“分”为单位；日期为 YYYY-MM-DD；正文各节可只给 text（纯文本），善策导入时生成富文本。A ShanCe proposal: money in fen, dates as YYYY-MM-DD, sections may be given as plain text only.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
