import type { DevicePreference } from '../protocol.ts';

export interface BackendChoice {
  readonly device: 'webgpu' | 'wasm';
  readonly reason: string;
}

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/** WebGPU when the browser has an adapter, WASM otherwise, with the reason in words. */
export async function chooseBackend(preference: DevicePreference, gpu: GpuLike | undefined): Promise<BackendChoice> {
  if (preference === 'wasm') return { device: 'wasm', reason: 'WASM: chosen in settings' };
  if (gpu === undefined) return { device: 'wasm', reason: 'WASM: this browser has no WebGPU' };
  let adapter: unknown = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return { device: 'wasm', reason: `WASM: WebGPU adapter request failed (${String(error)})` };
  }
  if (adapter === null) return { device: 'wasm', reason: 'WASM: WebGPU has no adapter' };
  return { device: 'webgpu', reason: preference === 'webgpu' ? 'WebGPU: chosen in settings' : 'WebGPU: adapter available' };
}

/** ORT's WASM threads need SharedArrayBuffer, which only cross-origin isolated pages have; a memory budget may ask for one. */
export function wasmThreads(crossOriginIsolated: boolean, hardwareConcurrency: number, singleThread = false): { threads: number; why: string } {
  if (!crossOriginIsolated) return { threads: 1, why: '1 thread: the page is not cross-origin isolated' };
  if (singleThread) return { threads: 1, why: '1 thread: the memory budget asks for one' };
  const threads = Math.max(1, Math.min(4, hardwareConcurrency));
  return { threads, why: `${threads} thread${threads === 1 ? '' : 's'}` };
}
