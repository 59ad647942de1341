import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestLag, peakAbs, readToneSymbols, toneSymbolsOf, type ToneCode } from './audioSignalChecks.ts';
import { MODELS_DIR } from './sharedFixtures.ts';

// The browser test's yardsticks must themselves be right: check them on audio made here.
const code = JSON.parse(readFileSync(path.join(MODELS_DIR, 'tone-ctc/tones.json'), 'utf8')) as ToneCode;

function encode(text: string, rate: number): Float32Array {
  const symbols = toneSymbolsOf(text);
  const slot = code.tone_seconds + code.gap_seconds;
  const out = new Float32Array(Math.round((code.lead_silence_seconds * 2 + symbols.length * slot) * rate));
  [...symbols].forEach((symbol, k) => {
    const start = Math.round((code.lead_silence_seconds + k * slot) * rate);
    const frequency = code.tones_hz[symbol];
    for (let i = 0; i < code.tone_seconds * rate; i++) out[start + i] = 0.5 * Math.sin((2 * Math.PI * frequency * i) / rate);
  });
  return out;
}

describe('audio signal checks', () => {
  it('reads tone audio back to its text', () => {
    expect(readToneSymbols(encode("IT'S A ZOO", 16_000), 16_000, code, 10)).toBe("IT'S|A|ZOO");
  });

  it('reads a slot of silence, or of a shifted signal, as unreadable', () => {
    expect(readToneSymbols(new Float32Array(16_000), 16_000, code, 3)).toBe('???');
    const shifted = encode('AB', 16_000).subarray(Math.round(0.06 * 16_000));
    expect(readToneSymbols(shifted, 16_000, code, 2)).not.toBe('AB');
  });

  it('finds the shift between two signals', () => {
    const reference = encode('HELLO WORLD', 16_000);
    const late = new Float32Array(reference.length);
    late.set(reference.subarray(0, reference.length - 7), 7);
    expect(bestLag(late, reference, 3200, 16_000, 20)).toEqual({ lag: 7, correlation: expect.closeTo(1, 6) });
    expect(peakAbs(reference, 0, 3200)).toBe(0);
    expect(peakAbs(reference, 3200, 4800)).toBeCloseTo(0.5, 2);
  });
});
