import { describe, expect, it } from 'vitest';
import { windowSettings } from '../../../src/engine/asr/windowSettings.ts';
import { geometry } from '../../support/toyCtc.ts';

describe('window settings', () => {
  it('snaps window and stride to the frame hop', () => {
    expect(windowSettings(geometry, 20, 2)).toEqual({ windowSamples: 320_000, strideSamples: 32_000, stepSamples: 256_000, hop: 320 });
    expect(windowSettings(geometry, 7.3, 0.5).windowSamples % 320).toBe(0);
  });

  it('refuses a stride that leaves no step', () => {
    expect(() => windowSettings(geometry, 4, 2)).toThrow(/longer than twice the stride/);
  });
});
