import { describe, expect, it } from 'vitest';
import { TrackTimeline } from '../../../../src/features/file/decode/trackTimeline.ts';

describe('TrackTimeline', () => {
  it('drops priming before 0 and padding after the end (AAC in MP4)', () => {
    const timeline = new TrackTimeline(0, 2048 / 44_100 + 0.01);
    expect(timeline.place(-1024 / 44_100, 1024, 44_100)).toEqual({ silenceBefore: 0, skip: 1024, keep: 0 });
    expect(timeline.place(0, 1024, 44_100)).toEqual({ silenceBefore: 0, skip: 0, keep: 1024 });
    expect(timeline.place(1024 / 44_100, 1024, 44_100)).toEqual({ silenceBefore: 0, skip: 0, keep: 1024 });
    expect(timeline.reachedEnd).toBe(false);
    expect(timeline.place(2048 / 44_100, 1024, 44_100)).toEqual({ silenceBefore: 0, skip: 0, keep: 441 });
    expect(timeline.reachedEnd).toBe(true);
    expect(timeline.placedFrames).toBe(2048 + 441);
  });

  it('moves the origin to the start of real audio (MP3 encoder delay)', () => {
    const timeline = new TrackTimeline(1105 / 44_100, null);
    expect(timeline.place(0, 1152, 44_100)).toEqual({ silenceBefore: 0, skip: 1105, keep: 47 });
    expect(timeline.place(1152 / 44_100, 1152, 44_100)).toEqual({ silenceBefore: 0, skip: 0, keep: 1152 });
  });

  it('fills gaps with silence and cuts overlaps', () => {
    const timeline = new TrackTimeline(0, null);
    timeline.place(0, 960, 48_000);
    expect(timeline.place(0.03, 960, 48_000)).toEqual({ silenceBefore: 480, skip: 0, keep: 960 });
    expect(timeline.place(0.05, 960, 48_000)).toEqual({ silenceBefore: 0, skip: 0, keep: 960 }); // within rounding
    expect(timeline.place(0.06, 960, 48_000)).toEqual({ silenceBefore: 0, skip: 480, keep: 480 });
    expect(timeline.placedFrames).toBe(960 + 480 + 960 + 960 + 480);
  });

  it('keeps time across a change of sample rate', () => {
    const timeline = new TrackTimeline(0, 1);
    timeline.place(0, 22_050, 44_100);
    expect(timeline.place(0.5, 24_000, 48_000)).toEqual({ silenceBefore: 0, skip: 0, keep: 24_000 });
    expect(timeline.placedFrames).toBe(48_000);
    expect(timeline.reachedEnd).toBe(true);
  });
});

describe('TrackTimeline whose end may undercount (MP3 files joined end to end)', () => {
  const FRAME = 1152;
  const RATE = 44_100;
  const at = (frame: number) => (frame * FRAME) / RATE;

  it('still drops the padding of a single stream', () => {
    const timeline = new TrackTimeline(0, at(2.5), true);
    timeline.place(at(0), FRAME, RATE);
    timeline.place(at(1), FRAME, RATE);
    expect(timeline.place(at(2), FRAME, RATE)).toEqual({ silenceBefore: 0, skip: 0, keep: FRAME / 2 });
    expect(timeline.place(at(3), FRAME, RATE).keep).toBe(0);
    expect(timeline.reachedEnd).toBe(false);
  });

  it('keeps the audio past the end, the frames between becoming silence', () => {
    const timeline = new TrackTimeline(0, at(2.5), true);
    for (const frame of [0, 1, 2, 3, 4]) timeline.place(at(frame), FRAME, RATE);
    expect(timeline.placedFrames).toBe(2.5 * FRAME);
    expect(timeline.place(at(6), FRAME, RATE)).toEqual({ silenceBefore: 3.5 * FRAME, skip: 0, keep: FRAME });
    expect(timeline.place(at(7), FRAME, RATE)).toEqual({ silenceBefore: 0, skip: 0, keep: FRAME });
    expect(timeline.placedFrames).toBe(8 * FRAME);
  });
});
