import { describe, expect, it } from 'vitest';
import type { TranscribedWord } from '../../src/shared/transcript.ts';
import { LiveTranscript } from '../../src/jobs/liveTranscript.ts';

const word = (text: string, start: number, end: number): TranscribedWord => ({ text, start, end, confidence: 1 });

describe('live transcript: committed words and the tentative tail', () => {
  it('shows the preview as the tail and keeps only what lies past each commit', () => {
    const live = new LiveTranscript();
    live.preview([word('YOU', 0.2, 0.56), word('UNDER', 0.68, 1.2)]);
    expect(live.tentative()).toEqual(word('YOU UNDER', 0.2, 1.2));

    // A window completes: YOU is final, UNDERSTOOD is being spelled at the committed edge.
    live.commit({ words: [word('YOU', 0.2, 0.56)], pending: word('UNDERST', 0.68, 1.5) });
    expect(live.tail).toEqual([word('UNDER', 0.68, 1.2)]);

    live.preview([word('UNDERSTOOD', 0.68, 1.9), word('SO', 2.0, 2.2)]);
    live.commit({ words: [word('UNDERSTOOD', 0.68, 1.9), word('SO', 2.0, 2.2)], pending: null });
    expect(live.tail).toEqual([]);
    expect(live.tentative()).toBeNull();
  });

  it('shows the word being spelled at the committed edge when no preview covers it yet', () => {
    const live = new LiveTranscript();
    live.commit({ words: [word('YOU', 0.2, 0.56)], pending: word('UND', 0.68, 1.0) });
    expect(live.tail).toEqual([word('UND', 0.68, 1.0)]);
    live.preview([word('UNDERSTOOD', 0.68, 1.9)]);
    live.commit({ words: [], pending: word('UNDERS', 0.68, 1.3) });
    expect(live.tail).toEqual([word('UNDERSTOOD', 0.68, 1.9)]);
  });

  it('never shows committed words again in the tail', () => {
    const live = new LiveTranscript();
    live.commit({ words: [word('A', 0, 0.5), word('B', 0.6, 1)], pending: null });
    live.preview([word('B', 0.6, 1), word('C', 1.2, 1.4)]);
    expect(live.tail).toEqual([word('C', 1.2, 1.4)]);
  });

  it('has no tail once the stream has ended', () => {
    const live = new LiveTranscript();
    live.preview([word('C', 1.2, 1.4)]);
    live.end();
    expect(live.tentative()).toBeNull();
  });
});
