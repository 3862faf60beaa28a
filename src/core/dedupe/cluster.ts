/**
 * Groups of similar documents: the connected components of the graph whose edges are the similar
 * pairs. Members are sorted by id; groups by size, largest first, then by their first member.
 */
export function clusterPairs(pairs: readonly { a: string; b: string }[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression keeps long chains cheap.
    while (x !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const { a, b } of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const g = groups.get(root) ?? [];
    g.push(id);
    groups.set(root, g);
  }
  const out = [...groups.values()].map((g) => g.sort());
  out.sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
  return out;
}
