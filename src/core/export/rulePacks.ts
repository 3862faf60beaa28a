import { PLATFORM_IDS, type PlatformId } from '../../shared/domain/catalog';
import type { RulePack } from '../../shared/rules/pack';
import { AppError } from '../../shared/errors';
import { normalizeForSave } from '../library/normalize';
import { checkProposal } from '../rules/engine';
import type { CheckFn } from './checklist';

/** What export needs of the rules: each platform's active pack, and each platform's checklist. */
export interface ExportRules {
  platformPacks(): Map<PlatformId, RulePack>;
  check: CheckFn;
}

function byPlatform(packs: readonly RulePack[]): Map<PlatformId, RulePack> {
  const found = new Map<PlatformId, RulePack>();
  for (const id of PLATFORM_IDS) {
    const pack = packs.find((p) => p.id === id);
    if (pack) found.set(id, pack);
  }
  return found;
}

/**
 * Export's view of a set of active packs (the library's RulePackStore, so imported and pinned
 * versions apply): a platform's checklist is the engine's findings for that platform's pack and the
 * legal pack, on the proposal as it is stored.
 */
export function exportRules(activePacks: () => readonly RulePack[]): ExportRules {
  return {
    platformPacks: () => byPlatform(activePacks()),
    check: (proposal, pack) => {
      const legal = activePacks().find((p) => p.id === 'legal');
      return checkProposal(normalizeForSave(proposal), legal ? [legal, pack] : [pack]).flatMap((r) => r.findings);
    },
  };
}

/** The pack of one platform, or a clear error when the federation has not issued one. */
export function requirePack(packs: ReadonlyMap<PlatformId, RulePack>, platform: PlatformId, label: string): RulePack {
  const pack = packs.get(platform);
  if (!pack) throw new AppError('NOT_FOUND', `平台「${label}」还没有规则包，无法导出。请先在 templates/rules 中添加该平台的规则包。`);
  return pack;
}
