import type { Command } from '../command';
import { dedupeCommand } from './dedupe';
import { disclosureCommand } from './disclosure';
import { fundsCommand } from './funds';
import { bundleCommand, exportCommand } from './exportCmd';
import { handbookCommand } from './handbook';
import { historyCommand } from './history';
import { importCommand } from './importCmd';
import { listCommand } from './list';
import { reviewCommand } from './review';
import { reportCommand } from './report';
import { rulesCommand } from './rulesCmd';
import { serverCommand } from './server';
import { syncCommand } from './sync';
import { validateCommand } from './validate';

/** Every `shance` subcommand. Later features add theirs here. */
export const COMMANDS: readonly Command[] = [listCommand, importCommand, exportCommand, bundleCommand, validateCommand, rulesCommand, handbookCommand, dedupeCommand, serverCommand, syncCommand, disclosureCommand, fundsCommand, reviewCommand, historyCommand, reportCommand];
