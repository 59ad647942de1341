import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { TranscribedWord } from '../../../src/shared/transcript.ts';
import { findPhrase, searchToken } from '../../../src/features/library/transcriptSearch.ts';
import { openTranscriptLibrary } from '../../../src/features/library/transcriptLibrary.ts';
import { IDBFactory, makeWords, newRecording, tabDeps } from '../../support/libraryFixtures.ts';

function wordsOf(text: string): TranscribedWord[] {
  return text.split(' ').map((t, i) => ({ text: t, start: i, end: i + 0.5, confidence: 1 }));
}

async function* pagesOf(words: TranscribedWord[], size: number) {
  for (let i = 0; i < words.length; i += size) yield words.slice(i, i + size);
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('findPhrase', () => {
  const text = 'Then the Café, opened. We went to the café opened late and the cafeteria closed';

  it('ignores case, accents and punctuation, and matches across pages', async () => {
    expect(searchToken('Café,')).toBe('cafe');
    for (const pageSize of [1, 3, 100]) {
      const hits = await all(findPhrase(pagesOf(wordsOf(text), pageSize), 'the cafe opened', 2));
      expect(hits).toEqual([
        { wordIndex: 1, start: 1, end: 3.5, snippet: 'Then the Café, opened. We went' },
        { wordIndex: 7, start: 7, end: 9.5, snippet: 'went to the café opened late and' },
      ]);
    }
  });

  it('lets the last word be a prefix, as when the query is still being typed', async () => {
    const hits = await all(findPhrase(pagesOf(wordsOf(text), 4), 'the caf', 1));
    expect(hits.map((h) => h.wordIndex)).toEqual([1, 7, 12]);
    expect(hits[2].snippet).toBe('and the cafeteria closed');
  });

  it('finds nothing for a query of punctuation only', async () => {
    expect(await all(findPhrase(pagesOf(wordsOf(text), 4), ' ,. ', 2))).toEqual([]);
  });
});

describe('library search', () => {
  it('searches every transcript, newest first, in the edited text where there is one', async () => {
    let now = 1_000;
    const library = await openTranscriptLibrary(tabDeps(new IDBFactory(), { now: () => now }));
    const older = await library.startJob(newRecording('Older'));
    for (let w = 0; w < 40; w++) older.append(makeWords(25, w * 25), w);
    await older.finish('done');
    now += 1_000;
    const newer = await library.startJob(newRecording('Newer'));
    newer.append(makeWords(12), 4);
    await newer.finish('done');
    library.saveEdits(newer.id, [...makeWords(12).slice(0, 5), { text: 'zebra', start: 9, end: 9.5, confidence: 1 }]);
    await library.flush();

    const hits = await library.search('lazy dog', { contextWords: 1 });
    // 'lazy dog' is words 6-7 of every 12: 1 000 words of the older job hold 83 of them.
    expect(hits.filter((h) => h.jobId === older.id)).toHaveLength(83);
    expect(hits.filter((h) => h.jobId === newer.id)).toHaveLength(0);
    expect(hits[0]).toMatchObject({ jobId: older.id, name: 'Older', wordIndex: 6, start: 2, inEdits: false, snippet: 'over lazy dog and' });
    expect(hits[1]).toMatchObject({ wordIndex: 18, start: 6 });

    expect(await library.search('zebra')).toEqual([{ jobId: newer.id, name: 'Newer', inEdits: true, wordIndex: 5, start: 9, end: 9.5, snippet: 'the quick brown fox jumps zebra' }]);
    expect(await library.search('lazy dog', { limit: 3 })).toHaveLength(3);
    await library.close();
  });
});
