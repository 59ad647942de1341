import { describe, expect, it } from 'vitest';
import { CaptureClock } from '../../../src/features/live/captureClock.ts';

describe('capture clock', () => {
  it('dates samples from the least delayed frame', () => {
    const clock = new CaptureClock(16_000);
    clock.frameArrived(1_100, 640); // 40 ms of audio, 1060 ms + 40 ms: arrived on time
    clock.frameArrived(1_300, 1_280); // a busy page: 160 ms late
    expect(clock.timeOf(0)).toBe(1_060);
    expect(clock.timeOf(3_200)).toBe(1_260);
  });
});
