import { beamSearchDecoder } from '../asr/decoders/beamSearchDecoder.ts';
import type { CtcDecoderFactory } from '../asr/decoders/ctcDecoder.ts';
import { greedyCtcDecoder } from '../asr/decoders/greedyCtcDecoder.ts';
import type { NgramLanguageModel } from '../asr/languageModel/ngramLanguageModel.ts';
import type { DecoderChoice } from '../protocol.ts';

/** The decoder a job asked for; a beam search asking for a language model needs one loaded. */
export function decoderFor(choice: DecoderChoice | undefined, languageModel: NgramLanguageModel | null): CtcDecoderFactory {
  if (choice === undefined || choice.kind === 'greedy') return greedyCtcDecoder;
  if (choice.languageModel !== null && languageModel === null) {
    throw new Error('Beam search with a language model was chosen, but no language model is loaded: add one in Settings, or search without it.');
  }
  return beamSearchDecoder({
    beamWidth: choice.beamWidth,
    languageModel: choice.languageModel === null ? undefined : { model: languageModel!, ...choice.languageModel },
    hotwords: choice.hotwords.length === 0 ? undefined : { terms: choice.hotwords, weight: choice.hotwordWeight },
  });
}
