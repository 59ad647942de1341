import { DEFAULT_BEAM_WIDTH_FOR_JOBS, type DecoderChoice } from '../engine/protocol.ts';
import type { Settings } from './jobStore.ts';

/** Natural-log boost of a hotword, per word: enough to win a near-tie, not to invent the word. */
const HOTWORD_WEIGHT = 3;

/** Names and terms from the hotwords box: one per line or comma-separated. */
export function hotwordList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((term) => term.trim())
    .filter((term) => term !== '');
}

/** The decoder a job's settings ask the engine for. */
export function decoderChoice(settings: Settings): DecoderChoice {
  if (settings.decoding === 'fast') return { kind: 'greedy' };
  return {
    kind: 'beam',
    beamWidth: DEFAULT_BEAM_WIDTH_FOR_JOBS,
    languageModel: settings.languageModel === null ? null : { alpha: settings.languageModelWeight, beta: settings.wordBonus },
    hotwords: hotwordList(settings.hotwords),
    hotwordWeight: HOTWORD_WEIGHT,
  };
}
