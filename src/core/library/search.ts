/**
 * Turn what a user typed into the search box into SQL over the trigram FTS table. Each
 * whitespace-separated term must match. The trigram index needs three characters; shorter terms
 * (most Chinese words are two) fall back to LIKE over the same table.
 */
export function buildSearch(query: string): { sql: string; params: string[] } | null {
  const terms = query.split(/\s+/u).filter((t) => t.length > 0).slice(0, 10);
  if (terms.length === 0) return null;
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  const where: string[] = [];
  const params: string[] = [];
  if (long.length > 0) {
    where.push('proposal_fts MATCH ?');
    params.push(long.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND '));
  }
  for (const t of short) {
    const like = `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')`);
    params.push(like, like);
  }
  return { sql: `SELECT id FROM proposal_fts WHERE ${where.join(' AND ')}`, params };
}
