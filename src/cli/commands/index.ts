import type { Command } from '../command';
import { bundleCommand, exportCommand } from './exportCmd';
import { handbookCommand } from './handbook';
import { importCommand } from './importCmd';
import { listCommand } from './list';

/** Every `shance` subcommand. Later features add theirs here. */
export const COMMANDS: readonly Command[] = [listCommand, importCommand, exportCommand, bundleCommand, handbookCommand];
