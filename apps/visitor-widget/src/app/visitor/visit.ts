import type { SafeStorage } from '@kefu/ui';
import { isRecord } from '@kefu/ui';

/** A visit ends after this much inactivity; the next page view then starts a new one. */
export const VISIT_IDLE_MS = 30 * 60 * 1000;

export const storageKeys = (siteId: string) => ({
  visitor: `kefu.visitor.${siteId}`,
  visit: `kefu.visit.${siteId}`,
  chat: `kefu.chat.${siteId}`,
});

export interface StoredVisit {
  visitId: string;
  /** Epoch milliseconds of the last page view or chat activity. */
  lastActivityAt: number;
}

function isStoredVisit(value: unknown): value is StoredVisit {
  return isRecord(value) && typeof value['visitId'] === 'string' && typeof value['lastActivityAt'] === 'number';
}

/**
 * The visit this page view belongs to: the stored one if the visitor was active within the last
 * 30 minutes (navigation on the same site continues it), otherwise a new one. Touches the activity time.
 */
export function continueVisit(
  storage: SafeStorage,
  siteId: string,
  now: number,
  newId: () => string = () => crypto.randomUUID(),
): StoredVisit & { isNew: boolean } {
  const key = storageKeys(siteId).visit;
  const stored = storage.getJson(key, isStoredVisit);
  const isNew = !stored || now - stored.lastActivityAt > VISIT_IDLE_MS || now < stored.lastActivityAt - VISIT_IDLE_MS;
  const visit: StoredVisit = { visitId: isNew ? newId() : stored.visitId, lastActivityAt: now };
  storage.setJson(key, visit);
  return { ...visit, isNew };
}

export function touchVisit(storage: SafeStorage, siteId: string, visitId: string, now: number): void {
  storage.setJson(storageKeys(siteId).visit, { visitId, lastActivityAt: now } satisfies StoredVisit);
}
