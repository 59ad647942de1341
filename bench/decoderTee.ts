// One model run, several decoders: a decoder that feeds every frame it is given to each of them
// and keeps their words apart, so the harness compares decoders on the very same log-probabilities.
import type { CtcDecoder, CtcDecoderFactory } from '../src/engine/asr/decoders/ctcDecoder.ts';
import type { TranscribedWord } from '../src/shared/transcript.ts';

export interface DecoderTee {
  readonly factory: CtcDecoderFactory;
  /** Each decoder's words so far, in the order of the factories. */
  readonly words: TranscribedWord[][];
}

export function decoderTee(factories: readonly CtcDecoderFactory[]): DecoderTee {
  const words = factories.map((): TranscribedWord[] => []);
  const tee = (decoders: CtcDecoder[]): CtcDecoder => ({
    push(frames, firstFrame) {
      decoders.forEach((decoder, i) => words[i].push(...decoder.push(frames, firstFrame)));
      return [];
    },
    pendingWord: () => null,
    flush() {
      decoders.forEach((decoder, i) => words[i].push(...decoder.flush()));
      return [];
    },
    clone: () => {
      throw new Error('a decoder tee does not preview');
    },
  });
  return { factory: (vocabulary, secondsPerFrame) => tee(factories.map((factory) => factory(vocabulary, secondsPerFrame))), words };
}
