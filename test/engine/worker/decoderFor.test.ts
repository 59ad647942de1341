import { describe, expect, it } from 'vitest';
import type { DecoderChoice } from '../../../src/engine/protocol.ts';
import { WORD_BREAK_PAUSE_SECONDS } from '../../../src/engine/asr/decoders/pauseBreaks.ts';
import { decoderFor, fastDecoder } from '../../../src/engine/worker/decoderFor.ts';
import { logProbsOfIds } from '../../support/logProbs.ts';
import { A, B, BLANK, D, O, vocab } from '../../support/toyCtc.ts';

const SECONDS_PER_FRAME = 0.02;
const PAUSE_FRAMES = Math.round(WORD_BREAK_PAUSE_SECONDS / SECONDS_PER_FRAME);
const blanks = (n: number) => Array<number>(n).fill(BLANK);

const BEAM: DecoderChoice = { kind: 'beam', beamWidth: 16, languageModel: null, hotwords: [], hotwordWeight: 3 };

function decodedText(ids: number[], choice: DecoderChoice = { kind: 'greedy' }): string[] {
  const decoder = decoderFor(choice, null)(vocab, SECONDS_PER_FRAME);
  return [...decoder.push(logProbsOfIds(ids, vocab.tokens.length), 0), ...decoder.flush()].map((w) => w.text);
}

describe('the Fast decoder the engine gives a job', () => {
  it('is the one factory, whether the job names it or says nothing', () => {
    expect(decoderFor({ kind: 'greedy' }, null)).toBe(fastDecoder);
    expect(decoderFor(undefined, null)).toBe(fastDecoder);
  });

  it('ends a word at a pause of blanks where the model put no delimiter', () => {
    expect(decodedText([A, B, ...blanks(PAUSE_FRAMES), D, O, D])).toEqual(['AB', 'DOD']);
  });

  it('keeps a word whole across a shorter run of blanks', () => {
    expect(decodedText([A, B, ...blanks(PAUSE_FRAMES - 1), D, O, D])).toEqual(['ABDOD']);
  });
});

describe('the Accurate decoder the engine gives a job', () => {
  it('ends a word at a pause of blanks too, and keeps it whole across a shorter one', () => {
    expect(decodedText([A, B, ...blanks(PAUSE_FRAMES), D, O, D], BEAM)).toEqual(['AB', 'DOD']);
    expect(decodedText([A, B, ...blanks(PAUSE_FRAMES - 1), D, O, D], BEAM)).toEqual(['ABDOD']);
  });
});
