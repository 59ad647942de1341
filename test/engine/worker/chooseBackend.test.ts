import { describe, expect, it } from 'vitest';
import { chooseBackend, wasmThreads } from '../../../src/engine/worker/chooseBackend.ts';

describe('backend choice', () => {
  it('explains why it runs where it runs', async () => {
    expect(await chooseBackend('auto', undefined)).toEqual({ device: 'wasm', reason: 'WASM: this browser has no WebGPU' });
    expect(await chooseBackend('auto', { requestAdapter: async () => null })).toEqual({ device: 'wasm', reason: 'WASM: WebGPU has no adapter' });
    expect(await chooseBackend('auto', { requestAdapter: async () => ({}) })).toEqual({ device: 'webgpu', reason: 'WebGPU: adapter available' });
    expect(await chooseBackend('wasm', { requestAdapter: async () => ({}) })).toMatchObject({ device: 'wasm' });
    expect((await chooseBackend('auto', { requestAdapter: async () => Promise.reject(new Error('lost')) })).reason).toMatch(/failed/);
  });

  it('uses threads only when cross-origin isolated', () => {
    expect(wasmThreads(false, 8)).toEqual({ threads: 1, why: '1 thread: the page is not cross-origin isolated' });
    expect(wasmThreads(true, 2)).toEqual({ threads: 2, why: '2 threads' });
    expect(wasmThreads(true, 16).threads).toBe(4);
    expect(wasmThreads(true, 8, true)).toEqual({ threads: 1, why: '1 thread: the memory budget asks for one' });
  });
});
