import { describe, expect, it } from 'vitest';
import { decoderChoice, hotwordList } from '../../src/jobs/decoderChoice.ts';
import { DEFAULT_SETTINGS } from '../../src/jobs/jobStore.ts';

const settings = { model: 'm', ...DEFAULT_SETTINGS };

describe('the decoder a job asks for', () => {
  it('is greedy when decoding is fast', () => {
    expect(decoderChoice(settings)).toEqual({ kind: 'greedy' });
  });

  it('is a beam search with the chosen language model, its weights and the hotwords when accurate', () => {
    const choice = decoderChoice({ ...settings, decoding: 'accurate', languageModel: 'news.arpa.gz', languageModelWeight: 0.5, wordBonus: 1.5, hotwords: 'Ada Lovelace\nBabbage, ENIAC' });
    expect(choice).toMatchObject({ kind: 'beam', languageModel: { alpha: 0.5, beta: 1.5 }, hotwords: ['Ada Lovelace', 'Babbage', 'ENIAC'] });
    expect(decoderChoice({ ...settings, decoding: 'accurate' })).toMatchObject({ kind: 'beam', languageModel: null, hotwords: [] });
  });

  it('reads hotwords one per line or comma-separated, ignoring blanks', () => {
    expect(hotwordList(' a , ,b\n\nc d ')).toEqual(['a', 'b', 'c d']);
  });
});
