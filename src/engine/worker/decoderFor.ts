import { beamSearchDecoder } from '../asr/decoders/beamSearchDecoder.ts';
import type { CtcDecoderFactory } from '../asr/decoders/ctcDecoder.ts';
import { greedyCtcDecoder } from '../asr/decoders/greedyCtcDecoder.ts';
import { breakingAtPauses } from '../asr/decoders/pauseBreaks.ts';
import type { NgramLanguageModel } from '../asr/languageModel/ngramLanguageModel.ts';
import type { DecoderChoice } from '../protocol.ts';

/**
 * The *Fast* decoder: greedy, with words ended at pauses, since a model that emits no delimiter
 * between sentences would otherwise run the last word of one into the first of the next.
 */
export const fastDecoder: CtcDecoderFactory = breakingAtPauses(greedyCtcDecoder);

/**
 * The decoder a job asked for; a beam search asking for a language model needs one loaded. The
 * beam search ends words at pauses too: with or without a language model it cannot split words
 * the acoustics give no delimiter for, and the language model then starts afresh at the pause, as
 * at a sentence start (bench/pauseBreaksBeam.ts compares both ways).
 */
export function decoderFor(choice: DecoderChoice | undefined, languageModel: NgramLanguageModel | null): CtcDecoderFactory {
  if (choice === undefined || choice.kind === 'greedy') return fastDecoder;
  if (choice.languageModel !== null && languageModel === null) {
    throw new Error('Beam search with a language model was chosen, but no language model is loaded: add one in Settings, or search without it.');
  }
  return breakingAtPauses(
    beamSearchDecoder({
      beamWidth: choice.beamWidth,
      languageModel: choice.languageModel === null ? undefined : { model: languageModel!, ...choice.languageModel },
      hotwords: choice.hotwords.length === 0 ? undefined : { terms: choice.hotwords, weight: choice.hotwordWeight },
    }),
  );
}
