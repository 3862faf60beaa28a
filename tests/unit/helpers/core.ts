import { createDispatch, type Dispatch } from '../../../src/core/api/dispatch';
import { createHandlers } from '../../../src/core/api/handlers';
import type { Library } from '../../../src/core/library/library';
import type { Method, MethodInput, MethodOutput } from '../../../src/shared/api/contract';
import { copyTemplates } from './handbook';
import { tmpLibrary } from './tmp';

export interface CoreUnderTest {
  lib: Library;
  templatesDir: string;
  dispatch: Dispatch;
  /** Call a method through dispatch (input and output checked against the contract); throws on an error envelope. */
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

/** The whole core over a real library file and a private copy of the templates folder. */
export function coreUnderTest(): CoreUnderTest {
  const lib = tmpLibrary();
  const templatesDir = copyTemplates();
  const dispatch = createDispatch(createHandlers({ lib, templatesDir }), () => {});
  return {
    lib,
    templatesDir,
    dispatch,
    async call(method, input) {
      const res = await dispatch(method, input);
      if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
      return res.value as never;
    },
  };
}
