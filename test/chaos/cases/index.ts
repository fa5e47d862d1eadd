import type { ChaosCase } from '../support/chaos-case';
import { badInputCatalogue } from './bad-input-catalogue';
import { kill9UnderLoad } from './kill9-under-load';
import { offlineTenMinutes } from './offline-ten-minutes';
import { projectorCrashMidRebuild } from './projector-crash-mid-rebuild';
import { twoProcessesWithRedis } from './two-processes-redis';

/**
 * Every chaos case, in the order `npm run chaos` runs them. `usesShared`: in the shortened run the case
 * uses the one shared product server (ChaosOptions.shared) instead of processes of its own.
 */
export const chaosCases: { title: string; run: ChaosCase; usesShared: boolean }[] = [
  { title: 'kill -9 under load', run: kill9UnderLoad, usesShared: false },
  { title: 'offline for 10 minutes', run: offlineTenMinutes, usesShared: true },
  { title: 'two processes + redis', run: twoProcessesWithRedis, usesShared: false },
  { title: 'projector killed mid-rebuild', run: projectorCrashMidRebuild, usesShared: true },
  { title: 'bad-input catalogue', run: badInputCatalogue, usesShared: true },
];
