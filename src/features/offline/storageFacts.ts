/** Whether this origin's storage survives storage pressure (navigator.storage.persist()). */
export type Persistence = 'unknown' | 'asking' | 'granted' | 'not-granted' | 'unsupported';

export interface StorageEstimateFacts {
  readonly usageBytes: number;
  readonly quotaBytes: number;
}

/** The persistence state in words, with what it means for the cached models. */
export function persistenceText(state: Persistence): string {
  switch (state) {
    case 'granted':
      return 'Persistent storage: granted. The browser keeps cached models until you delete them.';
    case 'not-granted':
      return 'Persistent storage: not granted. The browser may evict cached models when the disk runs low; they download again on the next online visit.';
    case 'unsupported':
      return 'Persistent storage: this browser cannot keep storage persistently; it may evict cached models when the disk runs low.';
    case 'asking':
      return 'Persistent storage: asking the browser…';
    case 'unknown':
      return 'Persistent storage: not asked for yet (it is asked for once a model has loaded).';
  }
}

/** Whether storage is already persistent, without asking for it. */
export async function currentPersistence(): Promise<Persistence> {
  if (typeof navigator.storage?.persisted !== 'function') return 'unsupported';
  return (await navigator.storage.persisted()) ? 'granted' : 'unknown';
}

/** Asks for persistent storage (Chromium decides silently, Firefox asks the user). */
export async function requestPersistence(): Promise<Persistence> {
  if (typeof navigator.storage?.persist !== 'function') return 'unsupported';
  try {
    return (await navigator.storage.persist()) ? 'granted' : 'not-granted';
  } catch {
    return 'not-granted';
  }
}

/** This origin's usage and quota, or null where the browser does not say. */
export async function readStorageEstimate(): Promise<StorageEstimateFacts | null> {
  if (typeof navigator.storage?.estimate !== 'function') return null;
  const { usage, quota } = await navigator.storage.estimate();
  return usage === undefined || quota === undefined ? null : { usageBytes: usage, quotaBytes: quota };
}
