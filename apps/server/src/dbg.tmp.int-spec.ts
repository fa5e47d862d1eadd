import { startServer } from './testing/harness';
import { createOrganisation, closeSockets } from './testing/organisations';
it('dbg', async () => {
  const s = await startServer();
  const t0 = Date.now();
  try {
    const a = await createOrganisation(s, 'alpha');
    const b = await createOrganisation(s, 'bravo');
    closeSockets(b);
    console.log('a ok', Date.now() - t0);
    closeSockets(a);
  } catch (e) { console.log('fail', Date.now() - t0, e); }
  await s.close();
}, 60000);
