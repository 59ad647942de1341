import { describe, expect, it } from 'vitest';
import { contentLength, groupCachedModels, loadedModelLabel, modelLabelOf } from '../../../src/features/offline/cachedModels.ts';

describe('cached models', () => {
  const origin = 'http://127.0.0.1:4173';

  it('names a cached file by the model the user would type', () => {
    expect(modelLabelOf('https://huggingface.co/Xenova/wav2vec2-base-960h/resolve/main/onnx/model_quantized.onnx', origin)).toBe(
      'Xenova/wav2vec2-base-960h',
    );
    expect(modelLabelOf('https://huggingface.co/Xenova/wav2vec2-base-960h/resolve/v1.0/config.json', origin)).toBe('Xenova/wav2vec2-base-960h@v1.0');
    expect(modelLabelOf(`${origin}/models/tone-ctc/config.json`, origin)).toBe('/models/tone-ctc');
    expect(modelLabelOf(`${origin}/models/tone-ctc/onnx/model.onnx`, origin)).toBe('/models/tone-ctc');
    expect(modelLabelOf('https://cdn.example/m/x/onnx/model_q8.onnx', origin)).toBe('https://cdn.example/m/x');
  });

  it('groups files into models with their sizes, largest first', () => {
    const models = groupCachedModels(
      [
        { url: `${origin}/models/tone-ctc/config.json`, bytes: 706 },
        { url: 'https://huggingface.co/a/b/resolve/main/onnx/model_quantized.onnx', bytes: 95_000_000 },
        { url: `${origin}/models/tone-ctc/onnx/model.onnx`, bytes: 92_740 },
        { url: 'https://huggingface.co/a/b/resolve/main/config.json', bytes: null },
      ],
      origin,
    );
    expect(models).toEqual([
      {
        label: 'a/b',
        urls: ['https://huggingface.co/a/b/resolve/main/onnx/model_quantized.onnx', 'https://huggingface.co/a/b/resolve/main/config.json'],
        bytes: 95_000_000,
        unsized: 1,
        complete: true,
      },
      {
        label: '/models/tone-ctc',
        urls: [`${origin}/models/tone-ctc/config.json`, `${origin}/models/tone-ctc/onnx/model.onnx`],
        bytes: 93_446,
        unsized: 0,
        complete: true,
      },
    ]);
    expect(groupCachedModels([], origin)).toEqual([]);
  });

  it('calls a model without its ONNX weights incomplete: it cannot load offline', () => {
    const [partial] = groupCachedModels(
      [
        { url: `${origin}/models/tone-ctc/config.json`, bytes: 706 },
        { url: `${origin}/models/tone-ctc/tokenizer.json`, bytes: 1_695 },
      ],
      origin,
    );
    expect(partial).toMatchObject({ label: '/models/tone-ctc', complete: false });
  });

  it('names a loaded model as the cache lists it', () => {
    expect(loadedModelLabel(`${origin}/models/tone-ctc`, origin)).toBe('/models/tone-ctc');
    expect(loadedModelLabel('https://cdn.example/m/x/', origin)).toBe('https://cdn.example/m/x');
    expect(loadedModelLabel('Xenova/wav2vec2-base-960h', origin)).toBe('Xenova/wav2vec2-base-960h');
  });

  it('reads Content-Length strictly', () => {
    expect(contentLength('92740')).toBe(92_740);
    expect(contentLength(' 0 ')).toBe(0);
    expect(contentLength(null)).toBeNull();
    expect(contentLength('12abc')).toBeNull();
    expect(contentLength('-1')).toBeNull();
  });
});
