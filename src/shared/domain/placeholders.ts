/**
 * Template text that is not yet about the user's project is written as a placeholder in full-width
 * lenticular brackets with a prompt: 【请填写：受益老人人数】 or 【示例：……】. The handbook's templates
 * use this form; the legal rule pack flags any left in a proposal.
 */
export const PLACEHOLDER_PATTERN = /【(?:请填写|请补充|请选择|示例|例如)[：:][^【】\n]{0,200}】/gu;

export function findPlaceholders(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const m of text.matchAll(PLACEHOLDER_PATTERN)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

export function placeholder(prompt: string): string {
  return `【请填写：${prompt}】`;
}
