import { describe, expect, it } from 'vitest';
import { frameGeometryFromConfig, framesForSamples } from '../../../src/engine/asr/frameGeometry.ts';
import { geometry } from '../../support/toyCtc.ts';

describe('frame geometry from a model config', () => {
  it("takes Wav2Vec2Config's defaults for keys the config leaves out", () => {
    expect(frameGeometryFromConfig({})).toEqual({ kernels: [10, 3, 3, 3, 3, 2, 2], strides: [5, 2, 2, 2, 2, 2, 2], hop: 320 });
    expect(frameGeometryFromConfig({ conv_kernel: [4], conv_stride: [4] }).hop).toBe(4);
  });

  it.each([
    [{ conv_stride: [5, 2, 0, 2, 2, 2, 2] }, 'conv_stride must list one positive whole number per conv layer; it is [5,2,0,2,2,2,2]'],
    [{ conv_kernel: [10, -3, 3, 3, 3, 2, 2] }, 'conv_kernel must list one positive whole number per conv layer; it is [10,-3,3,3,3,2,2]'],
    [{ conv_stride: [5, 2, 2, 2, 2, 2, 2.5] }, 'it is [5,2,2,2,2,2,2.5]'],
    [{ conv_stride: ['5', 2, 2, 2, 2, 2, 2] }, 'it is ["5",2,2,2,2,2,2]'],
    [{ conv_kernel: [], conv_stride: [] }, 'conv_kernel must list one positive whole number per conv layer; it is []'],
    [{ conv_kernel: 10 }, 'conv_kernel must list one positive whole number per conv layer; it is 10'],
    [{ conv_kernel: null }, 'it is null'],
    [{ conv_kernel: [10, 3], conv_stride: [5] }, 'it lists 2 conv kernels but 1 conv strides, where each conv layer needs one of each'],
  ])('refuses %j', (config, message) => {
    expect(() => frameGeometryFromConfig(config)).toThrow(message);
  });
});

describe('frame counts', () => {
  it('follows the wav2vec2 conv arithmetic', () => {
    expect(geometry.hop).toBe(320);
    expect(framesForSamples(geometry, 399)).toBe(0);
    expect(framesForSamples(geometry, 400)).toBe(1);
    expect(framesForSamples(geometry, 60_160)).toBe(187);
    expect(framesForSamples(geometry, 320_000)).toBe(999);
  });
});
