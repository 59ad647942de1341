import { describe, expect, it } from 'vitest';
import { memoryBreakdown, type BreakdownInputs } from '../../../src/features/memory/memoryBreakdown.ts';
import { MIB } from '../../support/bytes.ts';

const WINDOW = 320_000;

function inputs(patch: Partial<BreakdownInputs> = {}): BreakdownInputs {
  return {
    totalBytes: 900 * MIB,
    wasmHeapBytes: 600 * MIB,
    modelWeightBytes: 95 * MIB,
    weightsOnGpu: false,
    engineHeldSamples: WINDOW,
    engineInputBytes: WINDOW * 4,
    pageAudioSamples: 64_000,
    ...patch,
  };
}

const bytesOf = (parts: ReturnType<typeof memoryBreakdown>) => Object.fromEntries(parts.map((p) => [p.key, p.bytes]));

describe('memoryBreakdown', () => {
  it('splits the total into weights, the rest of the heap, audio and the page, which add up to it', () => {
    const parts = memoryBreakdown(inputs());
    const audio = (WINDOW + 64_000) * 4 + WINDOW * 4;
    expect(bytesOf(parts)).toEqual({ weights: 95 * MIB, runtime: 505 * MIB, audio, page: 300 * MIB - audio });
    expect(parts.reduce((sum, p) => sum + p.bytes!, 0)).toBe(900 * MIB);
    expect(parts.find((p) => p.key === 'audio')!.how).toMatch(/^24\.0 s /);
  });

  it('never counts more weights than the heap holds', () => {
    const parts = bytesOf(memoryBreakdown(inputs({ wasmHeapBytes: 50 * MIB })));
    expect(parts.weights).toBe(50 * MIB);
    expect(parts.runtime).toBe(0);
  });

  it('counts the whole heap as working memory when the weights are unknown, and says so', () => {
    const parts = memoryBreakdown(inputs({ modelWeightBytes: null }));
    expect(bytesOf(parts)).toMatchObject({ weights: null, runtime: 600 * MIB });
    expect(parts.find((p) => p.key === 'runtime')!.how).toMatch(/whole heap/);
  });

  it('knows no heap parts before the runtime starts, and no page before a measurement', () => {
    expect(bytesOf(memoryBreakdown(inputs({ wasmHeapBytes: null, totalBytes: null, engineHeldSamples: 0, engineInputBytes: 0, pageAudioSamples: 0 })))).toEqual({
      weights: null,
      runtime: null,
      audio: 0,
      page: null,
    });
  });

  it('leaves the weights out of the heap on WebGPU, where they are in GPU buffers', () => {
    const parts = memoryBreakdown(inputs({ weightsOnGpu: true, wasmHeapBytes: 30 * MIB }));
    expect(bytesOf(parts)).toMatchObject({ weights: null, runtime: 30 * MIB });
    expect(parts.find((p) => p.key === 'weights')!.how).toMatch(/GPU buffers/);
    expect(parts.find((p) => p.key === 'runtime')!.how).toMatch(/on the GPU/);
  });

  it('does not show a negative page when the total lags behind the engine', () => {
    expect(bytesOf(memoryBreakdown(inputs({ totalBytes: 500 * MIB }))).page).toBe(0);
  });
});
