import { createStore, type StoreApi } from 'zustand/vanilla';
import type { UnreadableRecord } from './libraryRecords.ts';
import type { JobOwnership } from './jobOwnership.ts';
import type { StorageProblem } from './storageProblems.ts';

/** What the UI shows about the library; subscribe with zustand's `useStore(library.status)`. */
export interface LibraryStatus {
  /** Where transcripts go: IndexedDB, or only this tab's memory when it cannot be used. */
  readonly storage: 'opening' | 'indexeddb' | 'memory';
  readonly problem: StorageProblem | null;
  /** One sentence for the user about the problem (or about an upgrade waiting), else null. */
  readonly message: string | null;
  /** Records skipped because they could not be read, each with a sentence naming it. */
  readonly unreadable: readonly UnreadableRecord[];
  /** The answer to `navigator.storage.persist()`, asked when the first transcript is saved. */
  readonly persistence: 'not-asked' | 'persisted' | 'best-effort' | 'unsupported';
  readonly ownership: JobOwnership['kind'];
}

export type LibraryStatusStore = StoreApi<LibraryStatus>;

export function createLibraryStatus(ownership: JobOwnership['kind']): LibraryStatusStore {
  return createStore<LibraryStatus>()(() => ({
    storage: 'opening',
    problem: null,
    message: null,
    unreadable: [],
    persistence: 'not-asked',
    ownership,
  }));
}

/** Adds records to the unreadable list, once each. */
export function noteUnreadable(status: LibraryStatusStore, records: readonly UnreadableRecord[]): void {
  if (records.length === 0) return;
  const known = new Set(status.getState().unreadable.map((r) => `${r.store}\u0000${r.key}`));
  const added = records.filter((r) => !known.has(`${r.store}\u0000${r.key}`));
  if (added.length > 0) status.setState((s) => ({ unreadable: [...s.unreadable, ...added] }));
}
