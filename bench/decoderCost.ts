// `npx tsx bench/decoderCost.ts [--windows=N]`: what handing out log-probabilities costs per
// window, at the size users run. Loads base-bench (wav2vec2-base-960h's graph, q8) in Node's ONNX
// Runtime, runs 20 s windows, and times the model run against the work done on its output:
// the log-softmax into the reused buffer plus greedy decoding, and the bare argmax that the
// model interface returned before. Prints milliseconds per window and the share of the window.
import path from 'node:path';
import { beamSearchDecoder } from '../src/engine/asr/decoders/beamSearchDecoder.ts';
import { greedyCtcDecoder } from '../src/engine/asr/decoders/greedyCtcDecoder.ts';
import { framesForSamples } from '../src/engine/asr/frameGeometry.ts';
import { logSoftmaxRows } from '../src/engine/asr/logSoftmax.ts';
import { CtcModel } from '../src/engine/worker/ctcModel.ts';
import { SAMPLE_RATE } from '../src/shared/audioFormat.ts';
import { MODELS_DIR } from '../test/support/sharedFixtures.ts';

const windows = Number(process.argv.find((a) => a.startsWith('--windows='))?.slice(10) ?? 4);
const WINDOW = 20 * SAMPLE_RATE;

function argmax(data: Float32Array, vocab: number, frames: number): Int32Array {
  const ids = new Int32Array(frames);
  for (let f = 0; f < frames; f++) {
    let best = 0;
    for (let v = 1; v < vocab; v++) if (data[f * vocab + v] > data[f * vocab + best]) best = v;
    ids[f] = best;
  }
  return ids;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const model = await CtcModel.load({ name: 'base-bench', localModelPath: `${path.resolve(MODELS_DIR)}/` }, { device: 'cpu', dtype: 'q8' });
const audio = new Float32Array(WINDOW);
for (let i = 0; i < audio.length; i++) audio[i] = 0.3 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE) + 0.05 * (Math.random() - 0.5);
const frames = framesForSamples(model.geometry, WINDOW);

const runs: number[] = [];
for (let w = 0; w < windows; w++) {
  const started = performance.now();
  await model.logProbs(audio, WINDOW, 0, frames);
  runs.push(performance.now() - started);
}
// The output work alone, on this model's real output shape, repeated to time it precisely.
const { data, vocabSize } = await model.logProbs(audio, WINDOW, 0, frames);
const logits = data.slice(0, frames * vocabSize);
const out = new Float32Array(frames * vocabSize);
const REPEAT = 200;
let started = performance.now();
for (let r = 0; r < REPEAT; r++) argmax(logits, vocabSize, frames);
const argmaxMs = (performance.now() - started) / REPEAT;
started = performance.now();
for (let r = 0; r < REPEAT; r++) {
  logSoftmaxRows(logits, vocabSize, 0, frames, out);
  const decoder = greedyCtcDecoder(model.vocabulary, model.geometry.hop / SAMPLE_RATE);
  decoder.push({ data: out, frames, vocabSize }, 0);
  decoder.flush();
}
const newMs = (performance.now() - started) / REPEAT;
// Beam search, as the Accurate setting runs it, on the same output: random weights make every
// frame uncertain, the search's worst case.
const BEAM_REPEAT = 5;
started = performance.now();
for (let r = 0; r < BEAM_REPEAT; r++) {
  const decoder = beamSearchDecoder({ beamWidth: 16 })(model.vocabulary, model.geometry.hop / SAMPLE_RATE);
  decoder.push({ data: out, frames, vocabSize }, 0);
  decoder.flush();
}
const beamMs = (performance.now() - started) / BEAM_REPEAT;
await model.dispose();

const windowMs = median(runs);
console.log(`base-bench q8, Node ONNX Runtime, ${windows} windows of 20 s (${frames} frames × ${vocabSize} symbols)`);
console.log(`model run (with its log-softmax):        median ${windowMs.toFixed(0)} ms a window (${runs.map((r) => r.toFixed(0)).join(', ')})`);
console.log(`output work before (argmax):              ${argmaxMs.toFixed(3)} ms a window`);
console.log(`output work now (log-softmax + greedy):   ${newMs.toFixed(3)} ms a window`);
console.log(`added per window: ${(newMs - argmaxMs).toFixed(3)} ms = ${(((newMs - argmaxMs) / windowMs) * 100).toFixed(3)} % of a window`);
console.log(`beam search (16 beams, no language model): ${beamMs.toFixed(1)} ms a window; throughput with it ${(windowMs / (windowMs + beamMs)).toFixed(3)} × greedy's`);
