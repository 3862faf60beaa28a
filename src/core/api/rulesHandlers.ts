import type { Proposal } from '../../shared/domain/proposal';
import type { RulePack } from '../../shared/rules/pack';
import { normalizeForSave } from '../library/normalize';
import { checkDraft, checkProposal, packsFor } from '../rules/engine';
import { impactReport } from '../rules/diff';
import type { RulePackStore } from '../rules/store';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

type RuleMethod = 'rules.packs' | 'rules.pack' | 'rules.check' | 'rules.summaries' | 'rules.import' | 'rules.diff' | 'rules.pin';
type Summary = { pack: RulePack['id']; name: string; ok: boolean; errors: number; warnings: number; infos: number }[];

/** The library list asks for the same summaries again and again; a proposal's result changes only when it or the packs do. */
const SUMMARY_CACHE_SIZE = 5000;

export function rulesHandlers({ lib }: CoreContext, store: RulePackStore): Pick<Handlers, RuleMethod> {
  const summaries = new Map<string, Summary>();

  const summarize = (p: Proposal, revision: string): Summary => {
    const key = `${p.id}|${p.updatedAt}|${revision}`;
    let s = summaries.get(key);
    if (!s) {
      s = checkProposal(p, packsFor(store.activePacks(), p.platforms)).map((r) => ({
        pack: r.pack,
        name: r.name,
        ok: r.ok,
        errors: r.counts.error,
        warnings: r.counts.warning,
        infos: r.counts.info,
      }));
      if (summaries.size >= SUMMARY_CACHE_SIZE) summaries.delete(summaries.keys().next().value!);
      summaries.set(key, s);
    }
    return s;
  };

  return {
    'rules.packs': () => ({ packs: store.list() }),
    'rules.pack': ({ id, version }) => store.get(id, version),
    'rules.check': ({ proposal, platforms }) => {
      // Ranges refer to the text the core derives from the editor's document, as it will be saved.
      const p = normalizeForSave(proposal);
      return checkDraft(p, packsFor(store.activePacks(), platforms ?? p.platforms));
    },
    'rules.summaries': ({ ids }) => {
      const revision = store.revision;
      return {
        items: ids.flatMap((id) => {
          const found = lib.proposals.find(id);
          return found ? [{ id, packs: summarize(found.proposal, revision) }] : [];
        }),
      };
    },
    'rules.import': ({ json }) => ({ imported: store.import(json) }),
    'rules.diff': ({ id, from, to }) => impactReport(store.get(id, from), store.get(id, to), lib.proposals.all()),
    'rules.pin': ({ id, version }) => store.pin(id, version),
  };
}
