import { describe, expect, it } from 'vitest';
import { frameGeometryFromConfig } from '../../../src/engine/asr/frameGeometry.ts';
import { WindowSettingsError, windowSettings } from '../../../src/engine/asr/windowSettings.ts';
import { STRIDE_SECONDS_RANGE, WINDOW_SECONDS_RANGE } from '../../../src/engine/protocol.ts';

const geometry = frameGeometryFromConfig({});

describe('window and stride ranges', () => {
  it('accepts both ends of each range', () => {
    expect(windowSettings(geometry, WINDOW_SECONDS_RANGE.min, STRIDE_SECONDS_RANGE.min).windowSamples).toBe(16_000);
    expect(windowSettings(geometry, WINDOW_SECONDS_RANGE.max, STRIDE_SECONDS_RANGE.max).stepSamples).toBe(540 * 16_000);
    expect(windowSettings(geometry, 1, 0.48).stepSamples).toBeGreaterThanOrEqual(geometry.hop);
  });

  it.each([
    [0.99, 2, 'The window must be from 1 to 600 seconds; it is 0.99 s.'],
    [600.5, 2, 'The window must be from 1 to 600 seconds; it is 600.5 s.'],
    [Number.NaN, 2, 'The window must be from 1 to 600 seconds; it is NaN s.'],
    [Number.POSITIVE_INFINITY, 2, 'The window must be from 1 to 600 seconds; it is Infinity s.'],
    [20, -0.1, 'The stride must be from 0 to 30 seconds on each side; it is -0.1 s.'],
    [120, 30.5, 'The stride must be from 0 to 30 seconds on each side; it is 30.5 s.'],
    [20, Number.NaN, 'The stride must be from 0 to 30 seconds on each side; it is NaN s.'],
    [10, 5, 'A 10 s window cannot have a 5 s stride on each side: the window must be longer than twice the stride.'],
  ])('refuses a %s s window with a %s s stride, naming the setting and its range', (win, stride, message) => {
    const refuse = () => windowSettings(geometry, win, stride);
    expect(refuse).toThrow(RangeError);
    expect(refuse).toThrow(WindowSettingsError);
    expect(refuse).toThrow(message);
  });
});

describe('window settings', () => {
  it('snaps window and stride to the frame hop', () => {
    expect(windowSettings(geometry, 20, 2)).toEqual({ windowSamples: 320_000, strideSamples: 32_000, stepSamples: 256_000, hop: 320 });
    expect(windowSettings(geometry, 7.3, 0.5).windowSamples % 320).toBe(0);
  });

  it('refuses a stride that leaves no step', () => {
    expect(() => windowSettings(geometry, 4, 2)).toThrow(/longer than twice the stride/);
  });
});
