import { framesForSamples } from '../../src/engine/asr/frameGeometry.ts';
import type { WindowModel } from '../../src/engine/asr/streamingTranscriber.ts';
import { logProbsOfIds } from './logProbs.ts';
import { BLANK, geometry, SEP, vocab } from './toyCtc.ts';

/**
 * A stand-in acoustic model whose frame f "hears" the id written in the sample at the frame's
 * centre (rounded: quiet noise is heard as a blank), so chunk merging can be checked
 * exhaustively without running a network. With `windowDependent`, the best symbol's probability
 * depends on the whole window's contents, as a real model's does: a frame decoded from another
 * window than in a reference run then shows in its word's confidence.
 */
export function idModel({ windowDependent = false } = {}): WindowModel {
  return {
    geometry,
    vocabulary: vocab,
    async logProbs(window, valid, from, to) {
      const windowFrames = framesForSamples(geometry, window.length);
      const ids: number[] = [];
      for (let f = from; f < Math.min(to, windowFrames); f++) {
        const centre = f * 320 + 200;
        ids.push(centre < valid ? Math.round(window[centre]) : BLANK);
      }
      let best = 0.9;
      if (windowDependent) {
        let hash = 0;
        for (let i = 0; i < valid; i += 97) hash = (hash * 31 + window[i] * (1 + (i % 13))) % 1_000_003;
        best = 0.6 + 0.3 * ((hash % 1000) / 1000);
      }
      return { ...logProbsOfIds(ids, vocab.tokens.length, best), windowFrames };
    },
  };
}

/** Text as samples the id model reads back: each character three frames long, then a blank frame. */
export function encodeIds(text: string, tailSamples = 173): Float32Array {
  const ids: number[] = [];
  for (const ch of text) ids.push(...new Array(3).fill(ch === ' ' ? SEP : vocab.tokens.indexOf(ch)), BLANK);
  const samples = new Float32Array(ids.length * 320 + tailSamples);
  ids.forEach((id, f) => samples.fill(id, f * 320, (f + 1) * 320));
  return samples;
}
