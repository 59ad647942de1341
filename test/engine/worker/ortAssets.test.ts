import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ortWasmPathsFor } from '../../../src/engine/worker/ortAssets.ts';
import { REPO_ROOT } from '../../support/harness.ts';

const names = (paths: { mjs: string; wasm: string }) => [path.basename(paths.mjs), path.basename(paths.wasm)];

test('WebGPU gets the asyncify runtime and WASM the plain one, both files of the installed onnxruntime-web', () => {
  expect(names(ortWasmPathsFor('webgpu'))).toEqual(['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm']);
  expect(names(ortWasmPathsFor('wasm'))).toEqual(['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm']);
  for (const device of ['wasm', 'webgpu'] as const) {
    for (const file of names(ortWasmPathsFor(device))) expect(existsSync(path.join(REPO_ROOT, 'node_modules/onnxruntime-web/dist', file)), file).toBe(true);
  }
});
