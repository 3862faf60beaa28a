import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { defaultTemplatesDir } from '../../src/core/paths';
import type { Library } from '../../src/core/library/library';
import type { Envelope } from '../../src/shared/api/contract';
import { parseProposal } from '../../src/shared/domain/factory';
import { addPhoto, photo } from './helpers/exportFixtures';
import { tmpLibrary } from './helpers/tmp';

/** The app's own API over a library, with the rule packs that ship in templates/rules. */
function appApi(lib: Library) {
  const dispatch = createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() }), () => {});
  return async <T>(method: string, payload: unknown): Promise<T> => {
    const env = (await dispatch(method, payload)) as Envelope<T>;
    if (!env.ok) throw Object.assign(new Error(env.error.message), env.error);
    return env.value;
  };
}

/** The documented example, with the pictures Tencent asks for. */
async function exampleWithPhotos(lib: Library) {
  const raw = JSON.parse(readFileSync(resolve(__dirname, '../../docs/example-proposal.json'), 'utf8'));
  // Consent records filled in: the legal pack refuses photos whose record was never touched.
  const people = { identifiablePeople: true, portraitConsent: true, minors: false, guardianConsent: false, recorded: true };
  const nobody = { identifiablePeople: false, portraitConsent: false, minors: false, guardianConsent: false, recorded: true };
  const images = [
    await addPhoto(lib, '封面.jpg', await photo(1200, 900, 1), { isCover: true, caption: '老人在食堂用餐', source: '执行机构拍摄', consent: people }),
    await addPhoto(lib, '送餐一.jpg', await photo(1200, 900, 2), { caption: '志愿者送餐', source: '执行机构拍摄', consent: people }),
    await addPhoto(lib, '送餐二.jpg', await photo(1200, 900, 3), { caption: '送餐路线', source: '执行机构拍摄', consent: nobody }),
    await addPhoto(lib, '厨房.jpg', await photo(1200, 900, 4), { caption: '食堂厨房', source: '执行机构拍摄', consent: nobody }),
  ];
  return lib.proposals.insert(parseProposal({ ...raw, images }));
}

type Platforms = { items: { platform: string; blocked: boolean; findings: { ruleId: string; severity: string; message: string }[] }[] };

describe('export uses the rules engine and the library’s active pack versions', () => {
  test('a platform whose checklist has errors is refused, naming them; the rest export', async () => {
    const lib = tmpLibrary();
    const call = appApi(lib);
    const p = await exampleWithPhotos(lib);
    // No 公募支持方: the legal pack says every listing needs one.
    const broken = lib.proposals.save({ ...p, roles: { ...p.roles, fundraiser: { name: '', creditCode: '' } }, updatedAt: new Date(Date.now() + 1000).toISOString() }).proposal;

    const { items } = await call<Platforms>('export.platforms', { id: broken.id });
    const tencent = items.find((i) => i.platform === 'tencent')!;
    expect(tencent.blocked).toBe(true);
    const legalErrors = tencent.findings.filter((f) => f.severity === 'error' && f.ruleId.startsWith('legal.'));
    expect(legalErrors.length).toBeGreaterThan(0);

    const refused = await call<{ status: string; message: string }>('export.pack', { id: broken.id, platform: 'tencent' });
    expect(refused.status).toBe('refused');
    expect(refused.message).toContain(legalErrors[0]!.message);

    const overridden = await call<{ status: string; overridden: boolean }>('export.pack', { id: broken.id, platform: 'tencent', overrideReason: '公募支持方已确定，待补录' });
    expect(overridden).toMatchObject({ status: 'written', overridden: true });
  });

  test('the complete example exports to Tencent; an imported stricter pack version then refuses it', async () => {
    const lib = tmpLibrary();
    const call = appApi(lib);
    const p = await exampleWithPhotos(lib);
    const ok = await call<{ status: string }>('export.pack', { id: p.id, platform: 'tencent' });
    expect(ok.status).toBe('written');

    const current = await call<{ version: string; changelog: unknown[]; rules: unknown[] }>('rules.pack', { id: 'tencent' });
    const stricter = {
      ...current,
      version: '99.0',
      changelog: [...current.changelog, { version: '99.0', date: '2026-11-01', summary: '测试：禁止「爱心午餐」字样' }],
      rules: [
        ...current.rules,
        {
          id: 'tencent.test.no-love-lunch',
          kind: 'phrases',
          severity: 'error',
          phrases: ['爱心午餐'],
          fields: 'all',
          message: '测试规则：不得出现「爱心午餐」',
          fix: '改为“午餐”',
          source: { kind: 'federation', title: '测试用规则', verified: false },
        },
      ],
    };
    await call('rules.import', { json: JSON.stringify(stricter) });
    const refused = await call<{ status: string; message: string }>('export.pack', { id: p.id, platform: 'tencent' });
    expect(refused.status).toBe('refused');
    expect(refused.message).toContain('不得出现「爱心午餐」');

    // Pinning the old version brings the old verdict back.
    await call('rules.pin', { id: 'tencent', version: current.version });
    expect((await call<{ status: string }>('export.pack', { id: p.id, platform: 'tencent' })).status).toBe('written');
  });
});
