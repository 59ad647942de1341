// transformers.js imports `onnxruntime-web/webgpu` (ort.webgpu.bundle.min.mjs), whose own runtime is
// the asyncify build of ort-wasm-simd-threaded: the one the WebGPU execution provider needs. The
// same bundle also runs the plain build for the WASM execution provider (transformers.js itself
// points it there on Safari without WebGPU), which creates sessions faster and runs windows a
// little faster (`npm run bench -- --only=base`). ORT starts one runtime per worker, at its first
// session, so the first model's backend chooses it. Left unset, transformers.js points ORT at a CDN
// copy. `?url` makes Vite emit all four files as hashed assets of this exact onnxruntime-web
// version, which the service worker precaches.
import mjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import wasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import plainMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import plainWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

export interface OrtWasmPaths {
  readonly mjs: string;
  readonly wasm: string;
}

/** The asyncify runtime: WebGPU, and WASM in a worker whose runtime started for WebGPU. */
export const ortWasmPaths: OrtWasmPaths = { mjs, wasm };

/** The plain runtime: the WASM execution provider only. */
export const ortPlainWasmPaths: OrtWasmPaths = { mjs: plainMjs, wasm: plainWasm };

/** What to assign to `env.backends.onnx.wasm.wasmPaths` before a worker's first model load on `device`. */
export function ortWasmPathsFor(device: 'wasm' | 'webgpu'): OrtWasmPaths {
  return device === 'webgpu' ? ortWasmPaths : ortPlainWasmPaths;
}
