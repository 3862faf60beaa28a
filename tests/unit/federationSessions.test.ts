import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, openFederationStore, type FederationStore } from '../../src/federation';
import { authenticate, login, logout, setDisabled, setPassword } from '../../src/federation/accounts';

// The server remembers a session it checked for a few seconds (accounts.ts), so that 42 desks
// syncing at once do not each look their token up on every request. These say what that may and
// may not change: nothing this server does itself, and another process's change for 5 s at most.
describe('session checks remembered for a moment', () => {
  let store: FederationStore;
  const PASSWORD = 'session-password-1';
  const refused = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

  beforeAll(async () => {
    store = await openFederationStore({ dataDir: 'memory://' });
    for (const name of ['liu', 'chen', 'zhao', 'sun']) await addUser(store, { name, district: '渝北区', role: 'drafter', password: PASSWORD });
  }, 60_000);
  afterAll(async () => store?.close());

  it('ends at once what this server ends: a disabled account, a new password, a logout', async () => {
    const { db } = store;
    const disabled = (await login(db, 'liu', PASSWORD)).token;
    const reset = (await login(db, 'chen', PASSWORD)).token;
    const loggedOut = (await login(db, 'zhao', PASSWORD)).token;
    for (const token of [disabled, reset, loggedOut]) await authenticate(db, token);

    await setDisabled(db, 'liu', true);
    await setPassword(db, 'chen', 'a-new-password-2');
    await logout(db, loggedOut);
    for (const token of [disabled, reset, loggedOut]) await refused(authenticate(db, token));
  });

  it('sees a session ended elsewhere (another server on the database) within 5 seconds', async () => {
    const { db } = store;
    const { token } = await login(db, 'sun', PASSWORD);
    const t0 = new Date();
    expect(await authenticate(db, token, t0)).toEqual({ name: 'sun', district: '渝北区', role: 'drafter' });
    await db.query(`DELETE FROM sessions WHERE user_name = 'sun'`);
    // Remembered: the other process's change is not seen yet...
    expect((await authenticate(db, token, new Date(t0.getTime() + 4_000))).name).toBe('sun');
    // ...and is once the moment has passed.
    await refused(authenticate(db, token, new Date(t0.getTime() + 5_001)));
  });
});
