// Served from the app's own origin (copied into its build at /bench-seed/), so the app opens the
// library this page fills: through the app's library module, into the browser's real IndexedDB.
import { browserLibraryDeps } from '../../src/features/library/browserLibraryDeps.ts';
import { openTranscriptLibrary } from '../../src/features/library/transcriptLibrary.ts';
import { fillLibrary } from '../../test/support/libraryFill.ts';

const started = performance.now();
const library = await openTranscriptLibrary(browserLibraryDeps());
const filled = await fillLibrary(library);
await library.close();
document.body.dataset.seeded = JSON.stringify({ ...filled, ms: performance.now() - started, storage: library.status.getState().storage });
