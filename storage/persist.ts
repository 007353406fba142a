/**
 * Asking the browser to keep our storage: a persisted origin is never evicted to free disk space.
 * The background asks when it starts. `navigator.storage.persist()` exists only in windows, so a
 * Chrome service worker can't ask; there `unlimitedStorage` (in the manifest) is what exempts the
 * extension from eviction, and an extension page may ask again with the same function.
 */

export type PersistOutcome = 'persisted' | 'not-persisted' | 'unsupported' | 'failed';

type StorageLike = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;

function storageManager(): StorageLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Asks for persistent storage unless it is already granted; never throws. */
export async function requestPersistence(
  storage: StorageLike | undefined = storageManager(),
): Promise<PersistOutcome> {
  try {
    if (!storage) return 'unsupported';
    if (storage.persisted && (await storage.persisted())) return 'persisted';
    if (!storage.persist) return storage.persisted ? 'not-persisted' : 'unsupported';
    return (await storage.persist()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'failed';
  }
}

export interface StorageFigures {
  readonly persisted: boolean | null;
  readonly usage: number | null;
  readonly quota: number | null;
}

/** What the browser says about our storage; `null` for what it can't say. Never throws. */
export async function storageFigures(
  storage: StorageLike | undefined = storageManager(),
): Promise<StorageFigures> {
  const persisted = await (storage?.persisted?.() ?? Promise.resolve(null)).catch(() => null);
  const estimate = await (storage?.estimate?.() ?? Promise.resolve(null)).catch(() => null);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}
