import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands';
import { cli } from './helpers/cli';

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

  // Every command shares one frame (withParsedArgs): --help answers with the usage, and a bad option is
  // an INVALID_INPUT error, in JSON when --json was asked for, before the command touches anything.
  it('answers --help with its usage, and a bad option with a JSON error under --json', async () => {
    for (const entry of COMMANDS) {
      const { usage } = await entry.load();
      const help = await cli([entry.name, '--help']);
      expect(help.code, `shance ${entry.name} --help`).toBe(0);
      expect(help.out.trim(), `shance ${entry.name} --help`).toBe(usage.trim());
      const bad = await cli([entry.name, '--no-such-option', '--json']);
      expect(bad.code, `shance ${entry.name} --no-such-option`).toBe(2);
      expect(JSON.parse(bad.out), `shance ${entry.name} --no-such-option`).toEqual({
        error: expect.objectContaining({ code: 'INVALID_INPUT', message: '参数错误：未知选项 --no-such-option。加 --help 查看用法。' }),
      });
      expect(bad.err).toContain('未知选项 --no-such-option');
    }
  });

  it('has each name once', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
