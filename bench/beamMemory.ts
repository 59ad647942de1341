// The beam search's memory over a long stream: the app's Accurate decoder (decoderFor: beam 16,
// a language model, hotwords, pause breaks) fed 60 minutes of synthetic frames at 50 frames a
// second, with the heap measured after a full collection every ten minutes. Flat is the target:
// the decoder holds the beam and the language model, not the stream. No model needed.
//
//   npx tsx --expose-gc bench/beamMemory.ts [--minutes=60]
import { ctcVocabulary } from '../src/engine/asr/ctcVocabulary.ts';
import { parseArpa } from '../src/engine/asr/languageModel/readArpa.ts';
import { DEFAULT_BEAM_WIDTH_FOR_JOBS } from '../src/engine/protocol.ts';
import { decoderFor } from '../src/engine/worker/decoderFor.ts';
import { kneserNeyArpa } from './languageModel/kneserNeyArpa.ts';
import { STREAM_TOKENS, syntheticCtcStream } from '../test/support/syntheticCtcStream.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('Run with --expose-gc: npx tsx --expose-gc bench/beamMemory.ts');
const minutes = Number(process.argv.find((a) => a.startsWith('--minutes='))?.slice(10) ?? 60);
const FRAME_RATE = 50;
const CHUNK_FRAMES = 900; // one 20 s window with 2 s strides keeps 16 s of frames

function heapMiB(): number {
  gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

// A small 3-gram over the stream's own letters, so the search scores words it knows and words it does not.
const letters = ['A', 'B', 'C', 'K', 'T', 'O', 'D', 'E'];
let seed = 5;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const word = () => Array.from({ length: 1 + Math.floor(random() * 5) }, () => letters[Math.floor(random() * letters.length)]).join('');
const sentences = Array.from({ length: 2_000 }, () => Array.from({ length: 3 + Math.floor(random() * 8) }, word));
const languageModel = parseArpa(kneserNeyArpa(sentences, 3));

const factory = decoderFor(
  { kind: 'beam', beamWidth: DEFAULT_BEAM_WIDTH_FOR_JOBS, languageModel: { alpha: 0.8, beta: 5 }, hotwords: ['BAD', 'TOE'], hotwordWeight: 3 },
  languageModel,
);
const vocabulary = ctcVocabulary(new Map(STREAM_TOKENS.map((token, i) => [token, i] as [string, number])));
const decoder = factory(vocabulary, 1 / FRAME_RATE);

const baseline = heapMiB();
console.log(`Language model: ${languageModel.vocabularySize} words, ${languageModel.ngramCount} n-grams; heap with it loaded ${baseline.toFixed(1)} MiB`);
console.log('minutes  heap MiB  growth MiB  words final');
let words = 0;
let nextReport = 10 * 60 * FRAME_RATE;
const started = performance.now();
for (const chunk of syntheticCtcStream(minutes * 60 * FRAME_RATE, CHUNK_FRAMES, 3)) {
  words += decoder.push(chunk.frames, chunk.first).length;
  const end = chunk.first + chunk.frames.frames;
  if (end >= nextReport || end === minutes * 60 * FRAME_RATE) {
    const heap = heapMiB();
    console.log(`${String(Math.round(end / FRAME_RATE / 60)).padStart(7)}${heap.toFixed(1).padStart(10)}${(heap - baseline).toFixed(1).padStart(12)}${String(words).padStart(13)}`);
    nextReport += 10 * 60 * FRAME_RATE;
  }
}
words += decoder.flush().length;
console.log(`${words} words in ${((performance.now() - started) / 1000).toFixed(1)} s of decoding`);
