import { describe, expect, it } from 'vitest';
import { resolveModelSource } from '../../src/shared/modelSource.ts';

describe('model source', () => {
  const page = 'http://127.0.0.1:4173/app/?model=x';
  it('tells Hub ids from URLs', () => {
    expect(resolveModelSource('Xenova/wav2vec2-base-960h', page)).toEqual({ kind: 'hub', id: 'Xenova/wav2vec2-base-960h' });
    expect(resolveModelSource('/models/tone-ctc/', page)).toEqual({
      kind: 'url',
      baseUrl: 'http://127.0.0.1:4173/models/',
      name: 'tone-ctc',
      href: 'http://127.0.0.1:4173/models/tone-ctc',
    });
    expect(resolveModelSource('https://cdn.example/m/w2v', page)).toMatchObject({ baseUrl: 'https://cdn.example/m/', name: 'w2v' });
    expect(resolveModelSource('./local/model', page)).toMatchObject({ baseUrl: 'http://127.0.0.1:4173/app/local/', name: 'model' });
  });

  it('rejects what names no model', () => {
    expect(() => resolveModelSource('  ', page)).toThrow(/Enter a model/);
    expect(() => resolveModelSource('https://cdn.example/', page)).toThrow(/does not name a model folder/);
  });
});
