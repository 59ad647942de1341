import type { LoadRequest } from '../protocol.ts';

/**
 * Set at build time: true only in the bench's own pages (bench/vite.bench.config.ts), false in the
 * app (vite.config.ts), so the product build compiles these knobs out and its protocol never
 * carries them.
 */
declare const __ENGINE_BENCH_HOOKS__: boolean;

/** Load options that only benchmarks turn. */
export interface BenchLoadOptions {
  /** ORT's WebGPU storage-buffer cache mode; its own default when absent. */
  readonly webgpuBufferCacheMode?: 'disabled' | 'lazyRelease' | 'simple' | 'bucket';
}

export function benchLoadOptions(request: LoadRequest): BenchLoadOptions {
  return typeof __ENGINE_BENCH_HOOKS__ !== 'undefined' && __ENGINE_BENCH_HOOKS__ ? (request as LoadRequest & BenchLoadOptions) : {};
}
