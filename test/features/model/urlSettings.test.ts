import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../../src/shared/modelSource.ts';
import { settingsFromUrl } from '../../../src/features/model/urlSettings.ts';
import { budgetWindows } from '../../../src/features/model/memoryBudget.ts';

describe('URL settings', () => {
  it('defaults to the Hub checkpoint and automatic backend', () => {
    expect(settingsFromUrl('')).toMatchObject({ model: DEFAULT_MODEL, device: 'auto', windowSeconds: 20, strideSeconds: 1 });
  });

  it('reads model, device, dtype, window, stride and decoding', () => {
    expect(settingsFromUrl('?model=/models/tone-ctc&device=wasm&dtype=fp32&window=10&stride=1.5&decoding=accurate')).toMatchObject({
      model: '/models/tone-ctc',
      device: 'wasm',
      dtype: 'fp32',
      windowSeconds: 10,
      strideSeconds: 1.5,
      decoding: 'accurate',
    });
    expect(settingsFromUrl('').decoding).toBe('fast');
    expect(settingsFromUrl('?device=quantum&window=-3')).toMatchObject({ device: 'auto', windowSeconds: 20 });
  });

  it('takes the window and stride of ?budget=, each overridden by ?window= or ?stride=', () => {
    const low = budgetWindows('low');
    expect(settingsFromUrl('?budget=low')).toMatchObject(low);
    expect(settingsFromUrl('?budget=balanced')).toMatchObject(budgetWindows('balanced'));
    expect(settingsFromUrl('?budget=tiny')).toMatchObject(budgetWindows('balanced'));
    expect(settingsFromUrl('?budget=low&window=30')).toMatchObject({ windowSeconds: 30, strideSeconds: low.strideSeconds });
    expect(settingsFromUrl('?budget=low&stride=0.5')).toMatchObject({ windowSeconds: low.windowSeconds, strideSeconds: 0.5 });
  });
});
