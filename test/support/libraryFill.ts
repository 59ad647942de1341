// A full library for the benchmarks: ten-minute transcripts committed window by window, as a job
// writes them, through the app's own library module (on fake-indexeddb in Node, or a browser's).
import { recordingSource } from '../../src/features/library/sourceIdentity.ts';
import type { TranscriptLibrary } from '../../src/features/library/transcriptLibrary.ts';
import type { TranscribedWord } from '../../src/shared/transcript.ts';

export interface LibraryFill {
  readonly transcripts: number;
  readonly seconds: number;
}

export const FULL_LIBRARY: LibraryFill = { transcripts: 200, seconds: 600 };

const WORDS_PER_SECOND = 2.83;
const WINDOW_SECONDS = 8;
const VOCABULARY = 'so the model reads each window of audio and commits the words it is sure of before moving on'.split(' ');

/** A phrase every filled transcript holds many times, for searches. */
export const FILLED_PHRASE = 'commits the words';

function windowWords(from: number, count: number): TranscribedWord[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return { text: VOCABULARY[n % VOCABULARY.length], start: n / WORDS_PER_SECOND, end: n / WORDS_PER_SECOND + 0.3, confidence: 0.93 };
  });
}

/** Saves `fill.transcripts` finished transcripts of `fill.seconds` each; resolves with the words written and the batches per transcript. */
export async function fillLibrary(library: TranscriptLibrary, fill: LibraryFill = FULL_LIBRARY): Promise<{ words: number; batchesEach: number }> {
  let words = 0;
  for (let t = 0; t < fill.transcripts; t++) {
    const name = `Recording ${t + 1}`;
    const job = await library.startJob({
      name,
      source: recordingSource(name, Date.now()),
      settings: { model: 'bench-ctc', dtype: 'q8', windowSeconds: 10, strideSeconds: 2 },
    });
    let committed = 0;
    for (let end = WINDOW_SECONDS; end <= fill.seconds; end += WINDOW_SECONDS) {
      const upTo = Math.round(end * WORDS_PER_SECOND);
      job.append(windowWords(committed, upTo - committed), end);
      committed = upTo;
    }
    job.setDuration(fill.seconds);
    await job.finish('done');
    words += committed;
  }
  return { words, batchesEach: Math.floor(fill.seconds / WINDOW_SECONDS) };
}
