// `npx tsx bench/silenceCost.ts [--models=tone-ctc,base-bench] [--minutes=10] [--device=cpu]`: what
// silence costs. Streams N minutes of sound (the ten-minute tone file) through the streaming
// transcriber with the default window and stride, then the same N minutes with every other 30 s
// replaced by digital silence, and prints the wall time of each, their ratio (the target is at most
// 0.6), the windows run and the seconds skipped. base-bench is wav2vec2-base-960h's graph (q8), so
// its figures are the model cost users pay; tone-ctc's are the pipeline's own overhead. Run it
// under the shared lock: base-bench holds both cores for several minutes.
import path from 'node:path';
import { StreamingTranscriber } from '../src/engine/asr/streamingTranscriber.ts';
import { windowSettings } from '../src/engine/asr/windowSettings.ts';
import { CtcModel, type ModelDevice } from '../src/engine/worker/ctcModel.ts';
import { CHUNK_SAMPLES, SAMPLE_RATE } from '../src/shared/audioFormat.ts';
import { longToneSamples, MODELS_DIR } from '../test/support/sharedFixtures.ts';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const models = arg('models', 'tone-ctc,base-bench').split(',');
const minutes = Number(arg('minutes', '10'));
const device = arg('device', 'cpu') as ModelDevice;
const HALF_MINUTE = 30 * SAMPLE_RATE;

const source = await longToneSamples();
const sound = new Float32Array(minutes * 60 * SAMPLE_RATE);
for (let at = 0; at < sound.length; at += source.length) sound.set(source.subarray(0, Math.min(source.length, sound.length - at)), at);
const alternating = sound.slice();
for (let at = HALF_MINUTE; at < alternating.length; at += 2 * HALF_MINUTE) alternating.fill(0, at, at + HALF_MINUTE);

async function timed(model: CtcModel, samples: Float32Array) {
  const transcriber = new StreamingTranscriber(model, windowSettings(model.geometry));
  const started = performance.now();
  let words = 0;
  for (let at = 0; at < samples.length; at += CHUNK_SAMPLES) words += (await transcriber.push(samples.subarray(at, at + CHUNK_SAMPLES))).words.length;
  words += (await transcriber.finish()).words.length;
  return { seconds: (performance.now() - started) / 1000, windows: transcriber.windowCount, skipped: transcriber.skippedSeconds, words };
}

for (const name of models) {
  const dtype = name === 'base-bench' ? 'q8' : 'fp32';
  const model = await CtcModel.load({ name, localModelPath: `${path.resolve(MODELS_DIR)}/` }, { device, dtype });
  // One window first, so that neither run pays for the runtime's warm-up.
  await model.logProbs(new Float32Array(windowSettings(model.geometry).windowSamples).fill(0.1), 1, 0, 1);
  const plain = await timed(model, sound);
  const halfSilent = await timed(model, alternating);
  await model.dispose();
  const row = (label: string, r: typeof plain) =>
    `  ${label.padEnd(34)} ${r.seconds.toFixed(3).padStart(8)} s wall, ${String(r.windows).padStart(3)} windows, ${r.skipped.toFixed(0).padStart(4)} s skipped, ${r.words} words`;
  console.log(`${name} (${dtype}, Node ONNX Runtime on ${device}), ${minutes} min, 20 s windows, 2 s stride:`);
  console.log(row('sound throughout', plain));
  console.log(row('30 s sound / 30 s silence', halfSilent));
  console.log(`  ratio ${(halfSilent.seconds / plain.seconds).toFixed(3)} of the time (target ≤ 0.6), ${(halfSilent.windows / plain.windows).toFixed(3)} of the windows`);
}
