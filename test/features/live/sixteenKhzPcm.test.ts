import { describe, expect, it } from 'vitest';
import { StreamingResampler } from '../../../src/shared/audio/streamingResampler.ts';
import { peakOf } from '../../../src/features/live/meterLevel.ts';
import { floatToPcm16, pcm16ToFloat } from '../../../src/features/live/pcm16.ts';
import { SixteenKhzPcm } from '../../../src/features/live/sixteenKhzPcm.ts';
import { captureQuanta } from '../../support/workletQuanta.ts';

describe('the 16 kHz conversion', () => {
  const tone = (rate: number, hz: number, seconds: number, amplitude = 0.5) =>
    Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));

  it.each([44_100, 48_000])('converts %i Hz in frames to the same 16 kHz PCM as the whole stream at once', (rate) => {
    const left = tone(rate, 440, 1.3);
    const right = tone(rate, 440, 1.3, 0.3);
    const frames = captureQuanta(left, right, Math.round(rate * 0.04));
    const converter = new SixteenKhzPcm(rate);
    const pieces = [...frames.map((f) => converter.process(f)), converter.flush()];
    const streamed = Int16Array.from(pieces.flatMap((p) => [...p]));

    const whole = new StreamingResampler(rate, 16_000);
    const mono = left.map((v, i) => (v + right[i]) / 2);
    const reference = floatToPcm16(Float32Array.from([...whole.process(mono), ...whole.flush()]));
    expect(streamed.length).toBe(Math.ceil((left.length * 16_000) / rate));
    expect(streamed).toEqual(reference);
  });

  it.each([44_100, 48_000])('keeps a 1 kHz tone at 1 kHz and its level when converting from %i Hz', (rate) => {
    const converter = new SixteenKhzPcm(rate);
    const out = pcm16ToFloat(Int16Array.from([...converter.process(tone(rate, 1000, 1)), ...converter.flush()]));
    const middle = out.subarray(2000, 14_000); // away from the edges' silence
    let crossings = 0;
    for (let i = 1; i < middle.length; i++) if (middle[i - 1] < 0 !== middle[i] < 0) crossings++;
    expect(crossings / 2 / (middle.length / 16_000)).toBeCloseTo(1000, -1);
    expect(peakOf(middle)).toBeCloseTo(0.5, 2);
  });

  it('drops an 8.5 kHz tone that 16 kHz cannot carry instead of folding it back to 7.5 kHz', () => {
    const converter = new SixteenKhzPcm(48_000);
    const out = pcm16ToFloat(converter.process(tone(48_000, 8_500, 1)));
    expect(peakOf(out.subarray(2000, 14_000))).toBeLessThan(0.001);
  });
});
