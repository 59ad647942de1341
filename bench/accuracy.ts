// Accuracy of the CTC decoders on espeak-ctc: greedy, beam search alone, and beam search with a
// 3-gram language model, on the speech sentence clips clean and with white noise at 10 dB SNR.
// Run with `npx tsx bench/accuracy.ts`. Needs sox, ffmpeg and Debian's `fortunes` package
// (`apt-get install -y fortunes`), whose texts the language model is estimated from, without any
// record that shares four words in a row with a fixture sentence (the fixtures' sentences were
// drawn from the same texts).
//
// The LM weights are chosen on the ten-minute speech file (clean and noisy), never on the clips,
// for the default decoder (best-path merging, beam 16); the other rows reuse them.
// Each clip's log-probabilities are taken once through StreamingTranscriber and replayed into
// every decoder in the same pieces, so the decoders see exactly what a job would feed them.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { CtcDecoder, CtcDecoderFactory, FrameLogProbs } from '../src/engine/asr/decoders/ctcDecoder.ts';
import { beamSearchDecoder } from '../src/engine/asr/decoders/beamSearchDecoder.ts';
import { greedyCtcDecoder } from '../src/engine/asr/decoders/greedyCtcDecoder.ts';
import type { NgramLanguageModel } from '../src/engine/asr/languageModel/ngramLanguageModel.ts';
import { readArpa } from '../src/engine/asr/languageModel/readArpa.ts';
import { StreamingTranscriber } from '../src/engine/asr/streamingTranscriber.ts';
import { windowSettings } from '../src/engine/asr/windowSettings.ts';
import { CtcModel } from '../src/engine/worker/ctcModel.ts';
import { wordErrorRate } from '../src/features/transcript/wordErrorRate.ts';
import type { TranscribedWord } from '../src/shared/transcript.ts';
import { fortunesCorpus } from '../test/support/fortunesText.ts';
import { MODELS_DIR, readWav16kMono, SHARED } from '../test/support/sharedFixtures.ts';
import { singleThreadedOrt } from '../test/support/speechAccuracy.ts';
import { kneserNeyArpa } from './languageModel/kneserNeyArpa.ts';

const SPEECH = path.join(SHARED, 'audio/speech');
const SNR_DB = 10;
const PIECE_SAMPLES = 16_000;
const FRAMES_PER_WINDOW = 1_000; // 20 s at one frame per 320 samples

interface Utterance {
  readonly label: string;
  readonly text: string;
  readonly samples: Float32Array;
}

/** A decoder's input as StreamingTranscriber hands it over: the pieces and their first frames. */
interface RecordedFrames {
  readonly pieces: Array<{ frames: FrameLogProbs; firstFrame: number }>;
  readonly frames: number;
}

// ---------------------------------------------------------------------------------------------
// The language model's text

async function buildLanguageModel(dir: string, fixtureTexts: readonly string[]): Promise<NgramLanguageModel> {
  const { sentences, records, dropped } = fortunesCorpus(fixtureTexts);
  const file = path.join(dir, 'fortunes-3gram.arpa.gz');
  writeFileSync(file, gzipSync(kneserNeyArpa(sentences, 3)));
  // Through the product's reader: a gzip byte stream, as Cache Storage would hand it over.
  const model = await readArpa(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array<ArrayBuffer>>);
  const words = sentences.reduce((sum, s) => sum + s.length, 0);
  console.log(
    `LM: ${records} fortunes, ${dropped} left out for sharing four words with a fixture; ${sentences.length} sentences, ` +
      `${words} words; 3-gram Kneser-Ney: ${model.vocabularySize} words, ${model.ngramCount} n-grams, ` +
      `${(statSync(file).size / 1e6).toFixed(1)} MB gzipped ARPA`,
  );
  return model;
}

// ---------------------------------------------------------------------------------------------
// Audio

const rms = (samples: Float32Array) => Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);

function sox(args: string[]): void {
  execFileSync('sox', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A copy of the WAV with white noise from sox mixed in at `SNR_DB` below the clip's power (over
 * the whole clip, pauses included); returns its path and the SNR measured on the result.
 */
function noisyCopy(clean: string, dir: string): { file: string; snr: number } {
  const base = path.join(dir, path.basename(clean, '.wav'));
  sox(['-R', clean, `${base}.noise.wav`, 'synth', 'whitenoise']);
  const speech = readWav16kMono(clean);
  const gain = rms(speech) / (rms(readWav16kMono(`${base}.noise.wav`)) * 10 ** (SNR_DB / 20));
  sox(['-R', '-m', '-v', '1', clean, '-v', gain.toFixed(6), `${base}.noise.wav`, '-b', '16', `${base}.noisy.wav`]);
  const noisy = readWav16kMono(`${base}.noisy.wav`);
  const noise = noisy.map((x, i) => x - speech[i]);
  return { file: `${base}.noisy.wav`, snr: 20 * Math.log10(rms(speech) / rms(noise)) };
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** A decoder that only copies what it is fed, to replay into the real ones. */
function recorder(into: RecordedFrames['pieces']): CtcDecoderFactory {
  const decoder: CtcDecoder = {
    push(frames, firstFrame) {
      into.push({ frames: { data: frames.data.slice(0, frames.frames * frames.vocabSize), frames: frames.frames, vocabSize: frames.vocabSize }, firstFrame });
      return [];
    },
    pendingWord: () => null,
    flush: () => [],
    clone: () => decoder,
  };
  return () => decoder;
}

async function recordFrames(model: CtcModel, samples: Float32Array): Promise<RecordedFrames> {
  const pieces: RecordedFrames['pieces'] = [];
  const transcriber = new StreamingTranscriber(model, windowSettings(model.geometry), recorder(pieces));
  for (let at = 0; at < samples.length; at += PIECE_SAMPLES) await transcriber.push(samples.subarray(at, at + PIECE_SAMPLES));
  await transcriber.finish();
  return { pieces, frames: pieces.reduce((sum, piece) => sum + piece.frames.frames, 0) };
}

function replay(factory: CtcDecoderFactory, model: CtcModel, recorded: RecordedFrames): { text: string; ms: number } {
  const start = performance.now();
  const decoder = factory(model.vocabulary, model.geometry.hop / 16_000);
  const words: TranscribedWord[] = [];
  for (const { frames, firstFrame } of recorded.pieces) words.push(...decoder.push(frames, firstFrame));
  words.push(...decoder.flush());
  return { text: words.map((w) => w.text).join(' '), ms: performance.now() - start };
}

function editDistance<T>(a: readonly T[], b: readonly T[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1);
    previous = current;
  }
  return previous[b.length];
}

interface Score {
  wordErrors: number;
  words: number;
  charErrors: number;
  chars: number;
  ms: number;
  frames: number;
}

function score(references: readonly string[], hypotheses: readonly string[], ms: number, frames: number): Score {
  const s: Score = { wordErrors: 0, words: 0, charErrors: 0, chars: 0, ms, frames };
  references.forEach((reference, i) => {
    const count = reference.split(' ').length;
    s.wordErrors += wordErrorRate(reference, hypotheses[i]) * count;
    s.words += count;
    s.charErrors += editDistance([...reference], [...hypotheses[i]]);
    s.chars += reference.length;
  });
  return s;
}

const wer = (s: Score) => s.wordErrors / s.words;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);

function decodeSet(factory: CtcDecoderFactory, model: CtcModel, set: ReadonlyArray<{ text: string; frames: RecordedFrames }>): { score: Score; hypotheses: string[] } {
  let ms = 0;
  const hypotheses = set.map(({ frames }) => {
    const decoded = replay(factory, model, frames);
    ms += decoded.ms;
    return decoded.text;
  });
  const frames = set.reduce((sum, { frames: recorded }) => sum + recorded.frames, 0);
  return { score: score(set.map((u) => u.text), hypotheses, ms, frames), hypotheses };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  singleThreadedOrt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'accuracy-'));
  try {
    const clips = JSON.parse(readFileSync(path.join(SPEECH, 'sentences/manifest.json'), 'utf8')) as Array<{ file: string; text: string }>;
    const long = JSON.parse(readFileSync(path.join(SPEECH, 'long/manifest.json'), 'utf8')) as {
      file: string;
      text: string;
      sentences: Array<{ text: string }>;
    };
    const lm = await buildLanguageModel(dir, [...clips.map((c) => c.text), ...long.sentences.map((s) => s.text)]);

    const model = await CtcModel.load({ name: 'espeak-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu', dtype: 'fp32' });
    const longWav = path.join(dir, 'ten-minutes.wav');
    execFileSync('ffmpeg', ['-v', 'error', '-i', path.join(SPEECH, 'long', long.file), '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', longWav]);

    const conditions: Record<'clean' | 'noisy', { clips: Utterance[]; long: Utterance }> = { clean: { clips: [], long: null! }, noisy: { clips: [], long: null! } };
    const snrs: number[] = [];
    for (const clip of clips) {
      const clean = path.join(SPEECH, 'sentences', clip.file);
      const noisy = noisyCopy(clean, dir);
      snrs.push(noisy.snr);
      conditions.clean.clips.push({ label: clip.file, text: clip.text, samples: readWav16kMono(clean) });
      conditions.noisy.clips.push({ label: clip.file, text: clip.text, samples: readWav16kMono(noisy.file) });
    }
    const noisyLong = noisyCopy(longWav, dir);
    conditions.clean.long = { label: long.file, text: long.text, samples: readWav16kMono(longWav) };
    conditions.noisy.long = { label: long.file, text: long.text, samples: readWav16kMono(noisyLong.file) };
    console.log(`Noise: white, measured SNR ${Math.min(...snrs).toFixed(2)}–${Math.max(...snrs).toFixed(2)} dB on the clips, ${noisyLong.snr.toFixed(2)} dB on the long file`);

    const frames = { clean: { clips: [] as RecordedFrames[], long: null as RecordedFrames | null }, noisy: { clips: [] as RecordedFrames[], long: null as RecordedFrames | null } };
    for (const condition of ['clean', 'noisy'] as const) {
      for (const clip of conditions[condition].clips) frames[condition].clips.push(await recordFrames(model, clip.samples));
      frames[condition].long = await recordFrames(model, conditions[condition].long.samples);
    }
    const set = (condition: 'clean' | 'noisy') => conditions[condition].clips.map((clip, i) => ({ text: clip.text, frames: frames[condition].clips[i] }));
    const longSet = (condition: 'clean' | 'noisy') => [{ text: conditions[condition].long.text, frames: frames[condition].long! }];

    // LM weights from the ten-minute file only.
    let best = { alpha: 0, beta: 0, wer: Infinity };
    for (const alpha of [0.5, 0.8, 1.1]) {
      for (const beta of [2, 3, 4, 5, 6]) {
        const factory = beamSearchDecoder({ languageModel: { model: lm, alpha, beta } });
        const errors = (['clean', 'noisy'] as const).reduce((sum, c) => sum + decodeSet(factory, model, longSet(c)).score.wordErrors, 0);
        const rate = errors / (2 * long.text.split(' ').length);
        console.log(`  tuning on the long file: alpha ${alpha}, beta ${beta}: WER ${pct(rate)}`);
        if (rate < best.wer) best = { alpha, beta, wer: rate };
      }
    }
    console.log(`Chosen on the long file: alpha ${best.alpha}, beta ${best.beta}`);

    const languageModel = { model: lm, alpha: best.alpha, beta: best.beta };
    const decoders: Array<[string, CtcDecoderFactory]> = [
      ['greedy', greedyCtcDecoder],
      ['beam 16, no LM', beamSearchDecoder()],
      ['beam 16 + 3-gram LM', beamSearchDecoder({ languageModel })],
      ['beam 16 sum, no LM', beamSearchDecoder({ pathMerge: 'sum' })],
      ['beam 16 sum + LM', beamSearchDecoder({ pathMerge: 'sum', languageModel })],
      ['beam 64 + 3-gram LM', beamSearchDecoder({ beamWidth: 64, languageModel })],
    ];
    console.log('\nSentence clips (24), corpus WER and CER; decoder cost per 20 s window of frames (on the long file)');
    console.log(`${'decoder'.padEnd(22)}${'clean WER'.padStart(10)}${'CER'.padStart(9)}${'noisy WER'.padStart(11)}${'CER'.padStart(9)}${'long clean'.padStart(12)}${'long noisy'.padStart(12)}${'ms/window'.padStart(11)}`);
    const results = new Map<string, { clean: Score; noisy: Score; perClip: { clean: string[]; noisy: string[] } }>();
    for (const [name, factory] of decoders) {
      const clean = decodeSet(factory, model, set('clean'));
      const noisy = decodeSet(factory, model, set('noisy'));
      const longClean = decodeSet(factory, model, longSet('clean')).score;
      const longNoisy = decodeSet(factory, model, longSet('noisy')).score;
      results.set(name, { clean: clean.score, noisy: noisy.score, perClip: { clean: clean.hypotheses, noisy: noisy.hypotheses } });
      const msPerWindow = ((longClean.ms + longNoisy.ms) / (longClean.frames + longNoisy.frames)) * FRAMES_PER_WINDOW;
      console.log(
        `${name.padEnd(22)}${pct(wer(clean.score)).padStart(10)}${pct(clean.score.charErrors / clean.score.chars).padStart(9)}` +
          `${pct(wer(noisy.score)).padStart(11)}${pct(noisy.score.charErrors / noisy.score.chars).padStart(9)}` +
          `${pct(wer(longClean)).padStart(12)}${pct(wer(longNoisy)).padStart(12)}${msPerWindow.toFixed(2).padStart(11)}`,
      );
    }

    const greedy = results.get('greedy')!;
    const beamAlone = results.get('beam 16, no LM')!;
    const withLm = results.get('beam 16 + 3-gram LM')!;
    const reduction = 1 - wer(withLm.noisy) / wer(greedy.noisy);
    console.log(`\nBeam + LM against greedy on the noisy clips: ${(reduction * 100).toFixed(1)} % relative WER reduction (target ≥ 20 %): ${reduction >= 0.2 ? 'met' : 'NOT met'}`);
    for (const condition of ['clean', 'noisy'] as const) {
      const worse = clips.filter((clip, i) => wordErrorRate(clip.text, beamAlone.perClip[condition][i]) > wordErrorRate(clip.text, greedy.perClip[condition][i]));
      console.log(`Beam alone against greedy, ${condition}: WER ${pct(wer(beamAlone[condition]))} vs ${pct(wer(greedy[condition]))}; clips where beam is worse: ${worse.length}${worse.length ? ` (${worse.map((c) => c.file).join(', ')})` : ''}`);
    }
    console.log('\nNoisy clips, reference / greedy / beam 16 + 3-gram LM:');
    clips.forEach((clip, i) => console.log(`  ${clip.text}\n    ${greedy.perClip.noisy[i]}\n    ${withLm.perClip.noisy[i]}`));
    await model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
