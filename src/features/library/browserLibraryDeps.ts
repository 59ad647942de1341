import type { LibraryDeps } from './transcriptLibrary.ts';

/** The page's own IndexedDB, Web Locks and storage manager, each where the browser has it. */
export function browserLibraryDeps(): LibraryDeps {
  return {
    indexedDB: typeof indexedDB === 'undefined' ? null : indexedDB,
    locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null,
    storage: typeof navigator !== 'undefined' && 'storage' in navigator ? navigator.storage : null,
  };
}
