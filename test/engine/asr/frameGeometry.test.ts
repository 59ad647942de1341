import { describe, expect, it } from 'vitest';
import { frameGeometryFromConfig, framesForSamples } from '../../../src/engine/asr/frameGeometry.ts';
import { geometry } from '../../support/toyCtc.ts';

describe('frame geometry', () => {
  it('follows the wav2vec2 conv arithmetic', () => {
    expect(geometry.hop).toBe(320);
    expect(framesForSamples(geometry, 399)).toBe(0);
    expect(framesForSamples(geometry, 400)).toBe(1);
    expect(framesForSamples(geometry, 60_160)).toBe(187);
    expect(framesForSamples(geometry, 320_000)).toBe(999);
  });

  it('rejects mismatched kernel and stride lists', () => {
    expect(() => frameGeometryFromConfig({ conv_kernel: [10], conv_stride: [5, 2] })).toThrow(/kernels/);
  });
});
