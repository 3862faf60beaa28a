/**
 * Where sentences end in proposal text, for cutting shared passages at sentence boundaries.
 *
 * Rules, and why:
 * - 。！？ end a sentence; so does ； because proposals list measures as 「…；…；…。」 and each item
 *   reads on its own, and … / …… because an enumeration ending 「等等……」 closes a thought.
 * - A line break ends a sentence: titles, list lines (受益人群, 进度安排) and paragraphs carry no
 *   final punctuation, and a paragraph never continues on the next line.
 * - Half-width ! ? ; and . count too: text pasted from papers and forms (the CSL abstracts we test
 *   with) is punctuated 「发展起来.儿童…」. A . between two ASCII letters or digits is a decimal point,
 *   a version or a web address (1.5万元, www.cq.gov.cn), not a sentence end.
 * - The comma family (，、：) does not: a clause is not a sentence, and a reviewer reading 「…，」 in
 *   the report still sees a sentence cut in half.
 * - Closing quotes and brackets after the end mark (」』”）) belong to the sentence they close.
 */
const ENDS = new Set(['。', '！', '？', '；', '…', '!', '?', ';', '．', '\n', '\r', '\u2028', '\u2029']);
const CLOSERS = new Set(['」', '』', '”', '’', '）', ')', '》', '〉', '】', ']', '"', "'"]);
const OPENERS = new Set(['「', '『', '“', '‘', '（', '(', '《', '〈', '【', '[', '"', "'"]);
const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029']);

function asciiAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9A-Za-z]$/.test(ch);
}

function endsSentence(text: string, k: number): boolean {
  const ch = text[k]!;
  if (ENDS.has(ch)) return true;
  return ch === '.' && !(asciiAlnum(text[k - 1]) && asciiAlnum(text[k + 1]));
}

/** Whether text[from, to) — what lies between two compared characters — holds a sentence end. */
export function sentenceEndBetween(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (endsSentence(text, k)) return true;
  return false;
}

/**
 * Where a sentence that ends just before `from` really ends: past its end marks and closing quotes
 * (「…需求大。」), so the report quotes the sentence with its full stop. Stops before a line break.
 */
export function sentenceCloseAt(text: string, from: number): number {
  let k = from;
  while (k < text.length && !LINE_BREAKS.has(text[k]!) && (endsSentence(text, k) || CLOSERS.has(text[k]!))) k++;
  return k;
}

/** Whether a sentence starts at `offset` of text: at its start, or after an end mark, blanks and opening quotes. */
export function startsSentenceAt(text: string, offset: number): boolean {
  let k = offset - 1;
  while (k >= 0 && (/\s/u.test(text[k]!) || OPENERS.has(text[k]!) || CLOSERS.has(text[k]!)) && !LINE_BREAKS.has(text[k]!)) k--;
  return k < 0 || endsSentence(text, k);
}

/** Whether the sentence is over at `offset` of text: at its end, or only end marks and blanks follow before the next one. */
export function endsSentenceAt(text: string, offset: number): boolean {
  let k = offset;
  while (k < text.length && (/\s/u.test(text[k]!) || CLOSERS.has(text[k]!)) && !LINE_BREAKS.has(text[k]!)) k++;
  return k >= text.length || endsSentence(text, k) || (offset > 0 && endsSentence(text, offset - 1));
}
