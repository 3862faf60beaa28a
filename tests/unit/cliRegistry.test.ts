import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands';

// `shance --help` lists each command from its entry without loading it; the module loaded when the
// command runs must be the one the entry names, or `shance bundle` would quietly run another command.
describe('the CLI command registry', () => {
  it('loads, for every entry, the command of that name', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name, `shance ${entry.name}`).toBe(entry.name);
      expect(command.usage, `shance ${entry.name}`).toContain(`shance ${entry.name}`);
    }
  });

  it('has each name once', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
