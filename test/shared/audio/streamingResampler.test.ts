import { describe, expect, it } from 'vitest';
import { StreamingResampler } from '../../../src/shared/audio/streamingResampler.ts';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function resampleAtOnce(input: Float32Array, rate: number): Float32Array {
  const resampler = new StreamingResampler(rate, 16_000);
  return concat([resampler.process(input), resampler.flush()]);
}

function resampleInPieces(input: Float32Array, rate: number, next: () => number, maxPiece: number): Float32Array {
  const resampler = new StreamingResampler(rate, 16_000);
  const parts: Float32Array[] = [];
  for (let offset = 0; offset < input.length; ) {
    const size = Math.floor(next() * (maxPiece + 1)); // zero-length pieces included
    parts.push(resampler.process(input.subarray(offset, offset + size)));
    offset += size;
  }
  parts.push(resampler.flush());
  return concat(parts);
}

function sine(rate: number, seconds: number, frequency: number, amplitude = 1): Float32Array {
  const x = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < x.length; i++) x[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate);
  return x;
}

function rms(x: Float32Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / (end - start));
}

/** Gain in dB of a full-scale sine at `frequency`, measured away from the stream's edges. */
function gainDb(rate: number, frequency: number): number {
  const output = resampleAtOnce(sine(rate, 1.5, frequency), rate);
  return 20 * Math.log10(rms(output, 4000, 20_000) / Math.SQRT1_2);
}

const RATES = [8000, 11025, 16_000, 22_050, 32_000, 44_100, 48_000, 96_000, 44_056];

describe('StreamingResampler', () => {
  it.each(RATES)('gives the same output at %i Hz whether fed at once or in random pieces', (rate) => {
    const next = random(rate);
    const input = new Float32Array(Math.round(rate * 1.3));
    for (let i = 0; i < input.length; i++) input[i] = next() * 2 - 1;
    const atOnce = resampleAtOnce(input, rate);
    for (const maxPiece of [1, 7, 1152, 5000]) {
      expect(resampleInPieces(input, rate, next, maxPiece)).toEqual(atOnce);
    }
  });

  it.each(RATES)('outputs ceil(length × 16000 / %i) samples, neither dropping nor doubling', (rate) => {
    for (const length of [0, 1, 2, 3, 440, 441, 442, rate, rate * 2 + 17]) {
      const resampler = new StreamingResampler(rate, 16_000);
      const total = resampler.process(new Float32Array(length)).length + resampler.flush().length;
      expect(total).toBe(Math.ceil((length * 16_000) / rate));
    }
  });

  it('copies samples unchanged when the rates are equal', () => {
    const input = sine(16_000, 0.5, 440);
    expect(resampleAtOnce(input, 16_000)).toEqual(input);
  });

  it.each([8000, 22_050, 44_100, 48_000])('keeps a sine at %i Hz in phase, without delay', (rate) => {
    const output = resampleAtOnce(sine(rate, 1, 1000, 0.5), rate);
    const expected = sine(16_000, 1, 1000, 0.5);
    let worst = 0;
    for (let i = 1000; i < 15_000; i++) worst = Math.max(worst, Math.abs(output[i] - expected[i]));
    expect(worst).toBeLessThan(1e-3);
  });

  it('keeps a constant level constant', () => {
    const output = resampleAtOnce(new Float32Array(44_100).fill(0.25), 44_100);
    for (let i = 2000; i < 14_000; i++) expect(output[i]).toBeCloseTo(0.25, 6);
  });

  it.each([44_100, 48_000, 22_050])('passes speech frequencies at %i Hz and stops what would alias', (rate) => {
    for (const frequency of [300, 1000, 3540, 6000]) expect(Math.abs(gainDb(rate, frequency))).toBeLessThan(0.05);
    expect(gainDb(rate, 7500)).toBeLessThan(-12);
    for (const frequency of [8000, 8500, 10_000, 15_000, 20_000]) {
      if (frequency < rate / 2) expect(gainDb(rate, frequency)).toBeLessThan(-70);
    }
  });

  it('upsamples 8 kHz without losing the band or adding its mirror image', () => {
    for (const frequency of [300, 1000, 3540]) expect(Math.abs(gainDb(8000, frequency))).toBeLessThan(0.05);
    // A 3 kHz tone's image would sit at 5 kHz: sum the output's power there.
    const output = resampleAtOnce(sine(8000, 1, 3000), 8000);
    let re = 0;
    let im = 0;
    for (let i = 2000; i < 14_000; i++) {
      re += output[i] * Math.cos((2 * Math.PI * 5000 * i) / 16_000);
      im += output[i] * Math.sin((2 * Math.PI * 5000 * i) / 16_000);
    }
    const imageAmplitude = (2 * Math.hypot(re, im)) / 12_000;
    expect(20 * Math.log10(imageAmplitude)).toBeLessThan(-70);
  });

  it('refuses to be fed after flush', () => {
    const resampler = new StreamingResampler(44_100, 16_000);
    resampler.flush();
    expect(() => resampler.process(new Float32Array(1))).toThrow();
    expect(resampler.flush()).toHaveLength(0);
  });
});
