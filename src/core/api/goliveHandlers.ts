import { clocksFromPacks, projectCalendar } from '../disclosure/calendar';
import { dueFromServerOrLibrary } from '../disclosure/askDue';
import { checkDisclosure, markPublished, removeDisclosure, setDisclosure } from '../disclosure/records';
import { updateTexts } from '../disclosure/updateText';
import { finalReportDocx } from '../disclosure/finalReport';
import { donationColumns } from '../funds/columns';
import { importDonations, previewDonations } from '../funds/donations';
import { chongqingToday } from '../rules/dates';
import type { RulePackStore } from '../rules/store';
import type { SyncService } from '../sync/service';
import { AppError } from '../../shared/errors';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

type GoliveMethod = 'disclosure.due' | 'disclosure.calendar' | 'disclosure.set' | 'disclosure.remove' | 'disclosure.publish' | 'disclosure.texts' | 'disclosure.finalDocx' | 'funds.columns' | 'funds.preview' | 'funds.import';

/** After going live: the disclosure calendar and records, and donations imported from the platforms. */
export function goliveHandlers(ctx: CoreContext, packs: RulePackStore, sync: SyncService): Pick<Handlers, GoliveMethod> {
  const { lib } = ctx;
  const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
  const record = (id: string, disclosureId: string) => {
    const p = lib.proposals.get(id);
    const d = p.disclosures.find((x) => x.id === disclosureId);
    if (!d) throw new AppError('NOT_FOUND', '披露记录不存在，请刷新后再试');
    return { p, d };
  };
  return {
    'disclosure.due': (q) => dueFromServerOrLibrary(lib, packs, sync.state, q),
    'disclosure.calendar': ({ id }) => {
      const today = chongqingToday();
      return { items: projectCalendar(lib.proposals.get(id), clocksFromPacks(packs.activePacks()), today), today };
    },
    'disclosure.set': ({ id, disclosure }) => setDisclosure(lib, id, disclosure),
    'disclosure.remove': ({ id, disclosureId }) => removeDisclosure(lib, id, disclosureId),
    'disclosure.publish': ({ id, disclosureId, mark }) => markPublished(lib, id, disclosureId, mark),
    'disclosure.texts': ({ id, disclosureId }) => {
      const { p, d } = record(id, disclosureId);
      return { items: updateTexts(p, d, packs.activePacks()), checks: checkDisclosure(p, d) };
    },
    'disclosure.finalDocx': async ({ id, disclosureId }) => {
      const file = await finalReportDocx(lib.proposals.get(id), disclosureId, new Date());
      return { fileName: file.fileName, dataBase64: Buffer.from(file.data).toString('base64') };
    },
    'funds.columns': ({ platform, dataBase64 }) => donationColumns(lib, bytes(dataBase64), platform),
    'funds.preview': ({ platform, proposalId, dataBase64, mapping }) => previewDonations(lib, bytes(dataBase64), { platform, proposalId, mapping }),
    'funds.import': ({ platform, proposalId, dataBase64, mapping }) => importDonations(lib, bytes(dataBase64), { platform, proposalId, mapping }),
  };
}
