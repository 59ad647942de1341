import type { CtcDecoder, FrameLogProbs } from '../../src/engine/asr/decoders/ctcDecoder.ts';
import type { TranscribedWord } from '../../src/shared/transcript.ts';

/**
 * Log-probabilities in which each frame's best symbol is the given id, with probability `best`
 * and the rest shared evenly by the other symbols: hand-made decoder input.
 */
export function logProbsOfIds(ids: ArrayLike<number>, vocabSize: number, best = 0.9): FrameLogProbs {
  const data = new Float32Array(ids.length * vocabSize).fill(Math.log((1 - best) / (vocabSize - 1)));
  for (let f = 0; f < ids.length; f++) data[f * vocabSize + ids[f]] = Math.log(best);
  return { data, frames: ids.length, vocabSize };
}

/** Feeds `ids` to `decoder` as hand-made frames, in pieces of the sizes in `chunks`, then flushes it. */
export function decodeIds(decoder: CtcDecoder, ids: readonly number[], vocabSize: number, chunks: readonly number[] = [ids.length]): TranscribedWord[] {
  const words: TranscribedWord[] = [];
  let at = 0;
  for (const size of chunks) {
    words.push(...decoder.push(logProbsOfIds(ids.slice(at, at + size), vocabSize), at));
    at += size;
  }
  return [...words, ...decoder.flush()];
}
