import { describe, expect, it } from 'vitest';
import { nearestRate, PLAYBACK_RATES, rateLabel, stepRate } from '../../../src/features/transcript/playbackRates.ts';

describe('playback rates', () => {
  it('run from half to double speed', () => {
    expect(PLAYBACK_RATES[0]).toBe(0.5);
    expect(PLAYBACK_RATES.at(-1)).toBe(2);
    expect(PLAYBACK_RATES).toContain(1);
  });

  it('step up and down and stop at the ends', () => {
    expect(stepRate(1, 1)).toBe(1.25);
    expect(stepRate(1, -1)).toBe(0.75);
    expect(stepRate(2, 1)).toBe(2);
    expect(stepRate(0.5, -1)).toBe(0.5);
    expect(stepRate(1.1, 1)).toBe(1.25);
    expect(stepRate(1.1, -1)).toBe(1);
  });

  it('take another speed to the nearest offered one', () => {
    expect(nearestRate(0.25)).toBe(0.5);
    expect(nearestRate(1.3)).toBe(1.25);
    expect(nearestRate(4)).toBe(2);
    expect(rateLabel(1.5)).toBe('1.5×');
  });
});
