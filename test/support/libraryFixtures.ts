import { IDBFactory, IDBIndex, IDBObjectStore } from 'fake-indexeddb';
import { vi } from 'vitest';
import type { TranscribedWord } from '../../src/shared/transcript.ts';
import type { JobSettings } from '../../src/features/library/libraryRecords.ts';
import type { LibraryDeps, NewJob, StorageAccess } from '../../src/features/library/transcriptLibrary.ts';
import { recordingSource } from '../../src/features/library/sourceIdentity.ts';

export const SETTINGS: JobSettings = { model: 'tone-ctc', dtype: 'q8', windowSeconds: 10, strideSeconds: 2 };

const VOCABULARY = ['the', 'quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog', 'and', 'runs', 'away', 'home'];

/** `count` words from word number `from` on, a third of a second each. */
export function makeWords(count: number, from = 0, vocabulary = VOCABULARY): TranscribedWord[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return { text: vocabulary[n % vocabulary.length], start: n / 3, end: n / 3 + 0.25, confidence: 0.9 };
  });
}

export function newRecording(name: string): NewJob {
  return { name, source: recordingSource(name, 1_700_000_000_000), settings: SETTINGS };
}

/** A storage manager with a fixed quota, recording what it was asked. */
export function fakeStorage(usage: number, quota: number, grantPersist = true) {
  const calls = { persist: 0, persisted: 0 };
  const storage: StorageAccess = {
    estimate: async () => ({ usage, quota }),
    persist: async () => {
      calls.persist++;
      return grantPersist;
    },
    persisted: async () => {
      calls.persisted++;
      return false;
    },
  };
  return { storage, calls };
}

/** Deps for one "tab" on `factory` (a fresh fake-indexeddb per test keeps tests apart). */
export function tabDeps(factory: IDBFactory, extra: Partial<LibraryDeps> = {}): LibraryDeps {
  return { indexedDB: factory, locks: null, storage: null, ...extra };
}

export { IDBFactory };

type Op = { readonly op: string; readonly store: string; readonly value?: unknown };

/**
 * Records every request made on fake-indexeddb's object stores and indexes (the real ones the
 * library goes through), so tests can see what was read and written. Undo with vi.restoreAllMocks().
 */
export function recordStoreOps(): { ops: Op[]; clear: () => void } {
  const ops: Op[] = [];
  const reads = ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor'] as const;
  for (const method of [...reads, 'put', 'add', 'delete'] as const) {
    const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => unknown;
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      ops.push({ op: method, store: this.name, value: method === 'put' || method === 'add' ? args[0] : undefined });
      return original.apply(this, args);
    } as never);
  }
  for (const method of reads) {
    const original = IDBIndex.prototype[method] as (...args: unknown[]) => unknown;
    vi.spyOn(IDBIndex.prototype, method).mockImplementation(function (this: IDBIndex, ...args: unknown[]) {
      ops.push({ op: method, store: this.objectStore.name });
      return original.apply(this, args);
    } as never);
  }
  return { ops, clear: () => void ops.splice(0) };
}
