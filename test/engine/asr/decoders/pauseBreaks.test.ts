import { describe, expect, it } from 'vitest';
import type { CtcDecoderFactory } from '../../../../src/engine/asr/decoders/ctcDecoder.ts';
import { greedyCtcDecoder } from '../../../../src/engine/asr/decoders/greedyCtcDecoder.ts';
import { breakingAtPauses } from '../../../../src/engine/asr/decoders/pauseBreaks.ts';
import type { TranscribedWord } from '../../../../src/shared/transcript.ts';
import { decodeIds, logProbsOfIds } from '../../../support/logProbs.ts';
import { A, B, BLANK, D, O, SEP, vocab } from '../../../support/toyCtc.ts';

const SECONDS_PER_FRAME = 0.02;
/** Five frames of blank end a word. */
const breaking = breakingAtPauses(greedyCtcDecoder, 5 * SECONDS_PER_FRAME);
const blanks = (n: number) => Array<number>(n).fill(BLANK);

function decode(factory: CtcDecoderFactory, ids: number[], chunks: number[] = [ids.length]): TranscribedWord[] {
  return decodeIds(factory(vocab, SECONDS_PER_FRAME), ids, vocab.tokens.length, chunks);
}

describe('breaking words at pauses', () => {
  const twoSentences = [A, B, BLANK, B, ...blanks(8), D, O, BLANK, O, D];

  it('ends a word at a long run of blanks where the model put no delimiter', () => {
    expect(decode(greedyCtcDecoder, twoSentences).map((w) => w.text)).toEqual(['ABBDOOD']);
    const words = decode(breaking, twoSentences);
    const delimited = decode(greedyCtcDecoder, [A, B, BLANK, B, ...blanks(4), SEP, ...blanks(3), D, O, BLANK, O, D]);
    expect(words).toEqual(delimited);
    expect(words.map((w) => w.text)).toEqual(['ABB', 'DOOD']);
  });

  it('leaves words alone whose blanks are shorter than the pause', () => {
    const ids = [A, ...blanks(4), A, SEP, B, ...blanks(4), O, D];
    expect(decode(breaking, ids)).toEqual(decode(greedyCtcDecoder, ids));
  });

  it('counts the pause across pushes, wherever the frames are cut', () => {
    const whole = decode(breaking, twoSentences);
    for (let cut = 1; cut < twoSentences.length; cut++) expect(decode(breaking, twoSentences, [cut, twoSentences.length - cut])).toEqual(whole);
    expect(decode(breaking, twoSentences, Array<number>(twoSentences.length).fill(1))).toEqual(whole);
  });

  it('clones mid-pause: the copy ends the word where the original would', () => {
    const decoder = breaking(vocab, SECONDS_PER_FRAME);
    decoder.push(logProbsOfIds([A, B, ...blanks(3)], vocab.tokens.length), 0);
    expect(decoder.pendingWord()?.text).toBe('AB');
    const copy = decoder.clone();
    const rest = logProbsOfIds([...blanks(2), D], vocab.tokens.length);
    const fromCopy = [...copy.push(rest, 5), ...copy.flush()];
    expect(fromCopy.map((w) => w.text)).toEqual(['AB', 'D']);
    expect([...decoder.push(rest, 5), ...decoder.flush()]).toEqual(fromCopy);
  });
});
