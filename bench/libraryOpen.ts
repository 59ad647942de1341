// `npx tsx bench/libraryOpen.ts`: how long a tab takes to open and list a full library, on
// fake-indexeddb in Node (a real browser's IndexedDB has other constants, the same shape). Fills
// 200 ten-minute transcripts of about 1 700 words, committed window by window as a job does,
// then opens the library as a new tab would and lists it, several times.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openTranscriptLibrary } from '../src/features/library/transcriptLibrary.ts';
import { recordingSource } from '../src/features/library/sourceIdentity.ts';
import type { TranscribedWord } from '../src/shared/transcript.ts';

const TRANSCRIPTS = 200;
const SECONDS = 600;
const WORDS_PER_SECOND = 2.83;
const WINDOW_SECONDS = 8;
const LIST_RUNS = 5;
const VOCABULARY = 'so the model reads each window of audio and commits the words it is sure of before moving on'.split(' ');

function windowWords(from: number, count: number): TranscribedWord[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return { text: VOCABULARY[n % VOCABULARY.length], start: n / WORDS_PER_SECOND, end: n / WORDS_PER_SECOND + 0.3, confidence: 0.93 };
  });
}

const ms = (t0: number) => `${(performance.now() - t0).toFixed(1)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const factory = new IDBFactory();
const deps = { indexedDB: factory, locks: null, storage: null };

let t0 = performance.now();
const writer = await openTranscriptLibrary(deps);
let words = 0;
for (let t = 0; t < TRANSCRIPTS; t++) {
  const name = `Recording ${t + 1}`;
  const job = await writer.startJob({
    name,
    source: recordingSource(name, Date.now()),
    settings: { model: 'bench-ctc', dtype: 'q8', windowSeconds: 10, strideSeconds: 2 },
  });
  let committed = 0;
  for (let end = WINDOW_SECONDS; end <= SECONDS; end += WINDOW_SECONDS) {
    const upTo = Math.round(end * WORDS_PER_SECOND);
    job.append(windowWords(committed, upTo - committed), end);
    committed = upTo;
  }
  job.setDuration(SECONDS);
  await job.finish('done');
  words += committed;
}
await writer.close();
console.log(`filled ${TRANSCRIPTS} transcripts, ${words} words in ${Math.ceil(SECONDS / WINDOW_SECONDS)} batches each: ${ms(t0)}`);

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
const first = await tab.search('commits the words');
console.log(`search, first ${first.length} hits (the default limit): ${ms(t0)}`);
t0 = performance.now();
const hits = await tab.search('commits the words', { limit: Infinity });
console.log(`search all ${words} words: ${hits.length} hits in ${ms(t0)}`);
await tab.close();
