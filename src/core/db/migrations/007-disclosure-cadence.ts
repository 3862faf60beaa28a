import { guessCadence } from '../../../shared/rules/cadence';
import type { Migration } from './types';

/**
 * The disclosure cadence became a field of its own. Each stored proposal gets it guessed once from
 * its disclosure plan's words and flagged (guessed) for the writer to confirm; one that says nothing
 * is left unrecorded, and the rules ask for it. Revisions stay as they were saved.
 */
export const m007DisclosureCadence: Migration = {
  version: 7,
  name: 'disclosure cadence guessed once',
  up(db) {
    const rows = db.prepare('SELECT id, json FROM proposals').all() as { id: string; json: string }[];
    const update = db.prepare('UPDATE proposals SET json = ? WHERE id = ?');
    for (const row of rows) {
      const p = JSON.parse(row.json) as { disclosurePlan?: unknown; sections?: { disclosure?: { text?: unknown } } };
      if (p.disclosurePlan != null) continue;
      const said = p.sections?.disclosure?.text;
      const cadence = typeof said === 'string' ? guessCadence(said) : null;
      if (cadence === null) continue;
      p.disclosurePlan = { cadence, note: '', guessed: true };
      update.run(JSON.stringify(p), row.id);
    }
  },
};
