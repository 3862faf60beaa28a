import { describe, expect, test } from 'vitest';
import { isMethod, METHODS } from '../../src/shared/api/contract';
import { FEDERATION_METHODS, isFederationMethod } from '../../src/shared/federation/contract';

// Both doors and the federation server take the method name straight off the wire: the guard must
// know the methods, and nothing an object inherits ('toString', '__proto__') may pass for one.
describe.each([
  { api: 'desktop', guard: isMethod, names: METHODS as string[], known: ['proposal.list', 'stats.report'] },
  { api: 'federation', guard: isFederationMethod, names: FEDERATION_METHODS as string[], known: ['auth.login', 'sync.push'] },
])('the $api contract', ({ guard, names, known }) => {
  test('lists its methods and recognises each', () => {
    for (const name of known) expect(names).toContain(name);
    for (const name of names) expect(guard(name), name).toBe(true);
  });

  test('refuses names it does not have, inherited ones included', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'proposal.nuke', '']) expect(guard(name), name).toBe(false);
  });
});
