// Child of durability.bench.ts: writes to the library until it is killed with SIGKILL. After each
// commit returns it appends an acknowledgement to a log (fsync'd), so the parent knows which writes
// the program had reported as done. Lines: "save <id>" and "import <n>".
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { readBundle } from '../../src/core/bundle/readBundle';
import { Library } from '../../src/core/library/library';
import { makeProposal } from '../../tests/unit/helpers/proposals';

const [dbPath, logPath, bundleArg] = process.argv.slice(2) as [string, string, string];
const log = openSync(logPath, 'a');
const ack = (line: string) => {
  writeSync(log, `${line}\n`);
  fsyncSync(log);
};

const lib = Library.open(dbPath);
const bundle = await readBundle(new Uint8Array(Buffer.from(bundleArg, 'base64')));
for (let i = 0; ; i++) {
  if (i % 5 === 4) {
    // An import of the whole bundle (the first time as itself, then as copies): all of it or none.
    const conflicts = lib.conflicts(bundle).length > 0;
    const resolutions = Object.fromEntries(bundle.proposals.map((p) => [p.id, 'keepBoth' as const]));
    lib.importSource(bundle, conflicts ? resolutions : {});
    ack(`import ${i}`);
  } else {
    const p = lib.proposals.insert(makeProposal({ title: `保存-${i}`, sections: { background: `第 ${i} 次保存的背景`.repeat(20) } }));
    lib.proposals.save({ ...p, summary: `已修改 ${i}`, updatedAt: new Date(Date.now() + 1).toISOString() });
    ack(`save ${p.id}`);
  }
}
closeSync(log);
