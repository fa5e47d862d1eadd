import type { ChaosCase } from '../support/chaos-case';
import { badInputCatalogue } from './bad-input-catalogue';
import { kill9UnderLoad } from './kill9-under-load';
import { offlineTenMinutes } from './offline-ten-minutes';
import { projectorCrashMidRebuild } from './projector-crash-mid-rebuild';
import { twoProcessesWithRedis } from './two-processes-redis';

/** Every chaos case, in the order `npm run chaos` runs them. */
export const chaosCases: { title: string; run: ChaosCase }[] = [
  { title: 'kill -9 under load', run: kill9UnderLoad },
  { title: 'offline for 10 minutes', run: offlineTenMinutes },
  { title: 'two processes + redis', run: twoProcessesWithRedis },
  { title: 'projector killed mid-rebuild', run: projectorCrashMidRebuild },
  { title: 'bad-input catalogue', run: badInputCatalogue },
];
