import type { ChaosCase } from '../support/chaos-case';
import { kill9UnderLoad } from './kill9-under-load';

/** Every chaos case, in the order `npm run chaos` runs them. */
export const chaosCases: { title: string; run: ChaosCase }[] = [{ title: 'kill -9 under load', run: kill9UnderLoad }];
