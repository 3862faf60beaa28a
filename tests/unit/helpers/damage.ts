import { closeSync, openSync, writeSync } from 'node:fs';
import { Library } from '../../../src/core/library/library';
import { makeProposal } from './proposals';

/**
 * A library file with 60 proposals and one of their table pages overwritten with garbage: it opens
 * (read-only, damaged), some proposals still read and some do not.
 */
export function writeDamagedLibrary(path: string): void {
  const lib = Library.open(path);
  for (let i = 0; i < 60; i++) lib.proposals.insert(makeProposal({ title: `项目${i}`, sections: { background: `背景${i}`.repeat(300) } }));
  const leaves = lib.db.prepare("SELECT pageno FROM dbstat WHERE name = 'proposals' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[];
  const pageSize = lib.db.pragma('page_size', { simple: true }) as number;
  lib.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (leaves[Math.floor(leaves.length / 2)]!.pageno - 1) * pageSize);
  closeSync(fd);
}
