import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatch, type Dispatch } from '../../../src/core/api/dispatch';
import { createHandlers } from '../../../src/core/api/handlers';
import { Library } from '../../../src/core/library/library';
import { defaultTemplatesDir } from '../../../src/core/paths';
import type { SyncService } from '../../../src/core/sync/service';
import { openCore } from '../../../src/core/openCore';
import { syncServiceFor } from '../../../src/core/sync/timer';
import type { Method, MethodInput, MethodOutput } from '../../../src/shared/api/contract';
import { tmpLibrary } from './tmp';

export interface Desk {
  lib: Library;
  sync: SyncService;
  dispatch: Dispatch;
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

/**
 * A desktop: a real library file, the whole core over it, and its sync service. Closed after the
 * test, or with `close()` for a desk that lives through several tests.
 */
export function desk(opts: { keep?: boolean } = {}): Desk & { close(): void } {
  let close = () => {};
  let lib: Library;
  if (opts.keep) {
    const dir = mkdtempSync(join(tmpdir(), 'shance-desk-'));
    lib = Library.open(join(dir, 'library.db'));
    close = () => {
      lib.close();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    lib = tmpLibrary();
  }
  const templatesDir = defaultTemplatesDir();
  const core = openCore(lib, templatesDir);
  const sync = syncServiceFor(core);
  const dispatch = createDispatch(createHandlers({ lib, templatesDir, core, sync }), () => {});
  return {
    lib,
    sync,
    dispatch,
    close,
    async call(method, input) {
      const res = await dispatch(method, input);
      if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
      return res.value as never;
    },
  };
}
