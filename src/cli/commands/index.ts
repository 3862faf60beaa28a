import type { Command } from '../command';
import { dedupeCommand } from './dedupe';
import { bundleCommand, exportCommand } from './exportCmd';
import { importCommand } from './importCmd';
import { listCommand } from './list';

/** Every `shance` subcommand. Later features add theirs here. */
export const COMMANDS: readonly Command[] = [listCommand, importCommand, exportCommand, bundleCommand, dedupeCommand];
