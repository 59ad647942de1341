// `npx tsx bench/libraryOpen.ts`: how long a tab takes to open and list a full library, on
// fake-indexeddb in Node (a real browser's IndexedDB has other constants, the same shape; see
// bench/libraryOpenBrowser.ts). Fills 200 ten-minute transcripts of about 1 700 words, committed
// window by window as a job does, then opens the library as a new tab would and lists it, several times.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openTranscriptLibrary } from '../src/features/library/transcriptLibrary.ts';
import { FILLED_PHRASE, FULL_LIBRARY, fillLibrary } from '../test/support/libraryFill.ts';

const LIST_RUNS = 5;

const ms = (t0: number) => `${(performance.now() - t0).toFixed(1)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const factory = new IDBFactory();
const deps = { indexedDB: factory, locks: null, storage: null };

let t0 = performance.now();
const writer = await openTranscriptLibrary(deps);
const { words, batchesEach } = await fillLibrary(writer);
await writer.close();
console.log(`filled ${FULL_LIBRARY.transcripts} transcripts, ${words} words in ${batchesEach} batches each: ${ms(t0)}`);

t0 = performance.now();
const tab = await openTranscriptLibrary(deps);
console.log(`open (schema check, purge of old deletes, interrupted-job check): ${ms(t0)}`);

const listTimes: number[] = [];
let listed = 0;
for (let run = 0; run < LIST_RUNS; run++) {
  t0 = performance.now();
  listed = (await tab.list()).length;
  listTimes.push(performance.now() - t0);
}
console.log(`list ${listed} transcripts: median ${median(listTimes).toFixed(1)} ms of ${LIST_RUNS} (first ${listTimes[0].toFixed(1)} ms)`);

const [newest] = await tab.list();
t0 = performance.now();
const loaded = await tab.loadTranscript(newest.id);
console.log(`load one transcript (${loaded?.words.length} words): ${ms(t0)}`);

t0 = performance.now();
const first = await tab.search(FILLED_PHRASE);
console.log(`search, first ${first.length} hits (the default limit): ${ms(t0)}`);
t0 = performance.now();
const hits = await tab.search(FILLED_PHRASE, { limit: Infinity });
console.log(`search all ${words} words: ${hits.length} hits in ${ms(t0)}`);
await tab.close();
