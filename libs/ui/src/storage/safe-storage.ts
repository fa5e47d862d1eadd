import { InjectionToken } from '@angular/core';

/**
 * localStorage that never throws: inside a third-party iframe, or with cookies blocked, the browser
 * may refuse storage access with a SecurityError. We then keep the values in memory for the page's
 * lifetime, which is the best a visitor without storage can get.
 */
export class SafeStorage {
  private readonly memory = new Map<string, string>();

  constructor(private readonly backend: Storage | null) {}

  getItem(key: string): string | null {
    try {
      if (this.backend) return this.backend.getItem(key);
    } catch {
      /* fall through to memory */
    }
    return this.memory.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.memory.set(key, value);
    try {
      this.backend?.setItem(key, value);
    } catch {
      /* quota or access refused: memory keeps it */
    }
  }

  removeItem(key: string): void {
    this.memory.delete(key);
    try {
      this.backend?.removeItem(key);
    } catch {
      /* nothing to remove */
    }
  }

  getJson<T>(key: string, isValid: (value: unknown) => value is T): T | null {
    const raw = this.getItem(key);
    if (raw === null) return null;
    try {
      const value: unknown = JSON.parse(raw);
      return isValid(value) ? value : null;
    } catch {
      return null;
    }
  }

  setJson(key: string, value: unknown): void {
    this.setItem(key, JSON.stringify(value));
  }
}

function probeLocalStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    storage.getItem('kefu.probe');
    return storage;
  } catch {
    return null;
  }
}

export const BROWSER_STORAGE = new InjectionToken<SafeStorage>('kefu.browser-storage', {
  providedIn: 'root',
  factory: () => new SafeStorage(probeLocalStorage()),
});

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
