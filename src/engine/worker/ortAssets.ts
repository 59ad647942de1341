// transformers.js imports `onnxruntime-web/webgpu` (ort.webgpu.bundle.min.mjs), whose single
// runtime serves both the WASM and the WebGPU execution providers: the asyncify build of
// ort-wasm-simd-threaded. Left unset, transformers.js points ORT at a CDN copy of these files.
// `?url` makes Vite emit them as hashed assets of this exact onnxruntime-web version.
import mjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import wasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

/** Assign to `env.backends.onnx.wasm.wasmPaths` before the first model load. */
export const ortWasmPaths: { mjs: string; wasm: string } = { mjs, wasm };
