import { describe, expect, it } from 'vitest';
import { PreviewPacer } from '../../../src/features/live/previewPacer.ts';

describe('preview pacing', () => {
  it('previews only new audio, never two at once, at most every interval', () => {
    const pacer = new PreviewPacer(400);
    expect(pacer.delay(0)).toBeNull();
    pacer.audioArrived();
    expect(pacer.delay(0)).toBe(0);
    pacer.started(0);
    pacer.audioArrived();
    expect(pacer.delay(10)).toBeNull(); // one is running
    pacer.finished(50);
    expect(pacer.delay(100)).toBe(350);
    expect(pacer.delay(500)).toBe(0);
    pacer.started(500);
    pacer.finished(510);
    expect(pacer.delay(600)).toBeNull(); // nothing new to show
  });

  it('waits as long as the last preview took when that is longer than the interval', () => {
    const pacer = new PreviewPacer(400);
    pacer.audioArrived();
    pacer.started(0);
    pacer.finished(1000);
    pacer.audioArrived();
    expect(pacer.delay(1000)).toBe(1000);
  });
});
