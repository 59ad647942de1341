import { describe, expect, it } from 'vitest';
import { groupCachedModels, type CachedModel } from '../../../src/features/offline/cachedModels.ts';
import { modelCacheShortfallText, notKeptWhole } from '../../../src/features/offline/modelCacheShortfall.ts';

const origin = 'http://127.0.0.1:4173';
const TONE = 93_446;
const model = (files: Array<[string, number | null]>): CachedModel => groupCachedModels(files.map(([url, bytes]) => ({ url, bytes })), origin)[0];
const whole = model([
  [`${origin}/models/tone-ctc/config.json`, 706],
  [`${origin}/models/tone-ctc/onnx/model.onnx`, 92_740],
]);
const withoutWeights = model([[`${origin}/models/tone-ctc/config.json`, 706]]);
const big = model([['https://huggingface.co/Xenova/wav2vec2-base-960h/resolve/main/onnx/model_quantized.onnx', 95_000_000]]);

describe('a model that loaded but was not kept whole in the cache', () => {
  it('is told apart from one that was', () => {
    expect(notKeptWhole({ cached: whole, neededBytes: TONE })).toBe(false);
    expect(notKeptWhole({ cached: withoutWeights, neededBytes: TONE })).toBe(true);
    expect(notKeptWhole({ cached: null, neededBytes: TONE })).toBe(true);
    // The weights are there but a file the browser refused is missing.
    expect(notKeptWhole({ cached: whole, neededBytes: TONE + 1_695 })).toBe(true);
  });

  it('says what it needs against the room left, and what to delete to make room', () => {
    const text = modelCacheShortfallText({
      label: '/models/tone-ctc',
      neededBytes: TONE,
      cached: withoutWeights,
      estimate: { usageBytes: 95_030_000, quotaBytes: 95_040_000 },
      otherModels: [big],
      transcriptsBytes: 1_300_000,
    });
    expect(text).toBe(
      'The model "/models/tone-ctc" works now, but this browser could not keep it for offline use, so it downloads again on the next visit and does not load offline. ' +
        'It needs 91 KiB and this site has 9.8 KiB free (91 MiB used of the 91 MiB the browser allows). ' +
        'To make room, delete cached models you no longer need under Offline use and storage (Xenova/wav2vec2-base-960h: 91 MiB) or saved transcripts in the Library (1.2 MiB), ' +
        'or free disk space; then load the model again.',
    );
  });

  it('without other models or a breakdown, points at the transcripts; without an estimate, says it does not know the room', () => {
    const text = modelCacheShortfallText({ label: 'a/b', neededBytes: 2_000, cached: null, estimate: null, otherModels: [], transcriptsBytes: null });
    expect(text).toMatch(/It needs 2\.0 KiB; the browser does not say how much room this site has left\. To make room, delete saved transcripts in the Library, or free disk space;/);
  });

  it('with room to spare, says so and suggests loading again', () => {
    const text = modelCacheShortfallText({
      label: 'a/b',
      neededBytes: 2_000,
      cached: null,
      estimate: { usageBytes: 0, quotaBytes: 10_000_000 },
      otherModels: [],
      transcriptsBytes: 0,
    });
    expect(text).toMatch(/did not store all of its files, though there seems to be room \(2\.0 KiB needed, 9\.5 MiB free\): load it again to retry\.$/);
  });
});
