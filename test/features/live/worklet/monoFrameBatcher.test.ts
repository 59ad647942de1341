import { describe, expect, it } from 'vitest';
import { MonoFrameBatcher } from '../../../../src/features/live/worklet/monoFrameBatcher.ts';
import { ramp } from '../../../support/ramp.ts';
import { captureQuanta } from '../../../support/workletQuanta.ts';

describe('capture frames', () => {
  it('mixes stereo quanta to mono frames of a fixed length without losing a sample', () => {
    const left = ramp(0, 1000);
    const right = ramp(0, 1000).map((v) => -v + 2);
    const frames = captureQuanta(left, right, 300);
    expect(frames.map((f) => f.length)).toEqual([300, 300, 300, 100]);
    for (const frame of frames) expect(frame.every((v) => v === 1)).toBe(true);
  });

  it('adds nothing for a quantum without channels (the input not started yet)', () => {
    const batcher = new MonoFrameBatcher(4);
    expect(batcher.push([])).toEqual([]);
    expect(batcher.finish()).toBeNull();
  });
});
