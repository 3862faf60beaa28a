// A second program writing the same library: run as its own process (node --import tsx) by the
// concurrency test and the durability bench. Prints one JSON line: how many writes succeeded and
// the messages of those that failed.
import { Library } from '../../../src/core/library/library';
import { makeProposal } from './proposals';

const [dbPath, countArg, label, startAtArg, durationArg] = process.argv.slice(2);
const count = Number(countArg);
const startAt = Number(startAtArg ?? 0);
const durationMs = Number(durationArg ?? 0);

const lib = Library.open(dbPath!);
while (Date.now() < startAt) {
  /* wait for the other writer so both start together */
}
let ok = 0;
const failures: string[] = [];
const acked: string[] = [];
const until = durationMs > 0 ? Date.now() + durationMs : Infinity;
for (let i = 0; durationMs > 0 ? Date.now() < until : i < count; i++) {
  try {
    const p = lib.proposals.insert(makeProposal({ title: `${label}-${i}`, sections: { background: `第 ${i} 次写入的背景` } }));
    // Read-then-write in one transaction: the shape that failed at once when deferred.
    lib.proposals.save({ ...p, summary: `${label} 修改 ${i}`, updatedAt: new Date(Date.now() + 1).toISOString() });
    ok += 1;
    acked.push(p.id);
  } catch (e) {
    failures.push(e instanceof Error ? e.message : String(e));
  }
}
lib.close();
process.stdout.write(`${JSON.stringify({ ok, failures: failures.slice(0, 5), failed: failures.length, acked: acked.length })}\n`);

