// Chunked against one pass, and what the words' confidence says, on espeak-ctc (Node, the real
// runtime, ORT on one thread). The reference is one pass per sentence: each sentence of a long
// recording's manifest run alone with a quarter second either side, normalised on its own, greedy.
//
//   npx tsx bench/chunkingAccuracy.ts                           # everything (over half an hour on one core)
//   npx tsx bench/chunkingAccuracy.ts --only=grid --phases=1    # a section, one frame phase
//   npx tsx bench/chunkingAccuracy.ts --only=grid --windows=20,30 --strides=1,2
//
// This model's words move with any change of its input, however small: the same recording
// delayed by a fraction of a frame changes a file's WER by more than the differences measured
// here. So each figure pools the errors of `--phases` copies of the recording (default 4), delayed by 0, ¼, ½
// and ¾ of a frame, each against its own one-pass reference; "Δ" is chunked minus one pass.
//
// Sections: grid (window × stride through StreamingTranscriber, with the words that differ from
// the reference at window edges), breaks (words ended at pauses where the model emits no word
// delimiter), norm (normalisation schemes), pauses (windows cut in pauses: measured here only),
// confidence (precision and recall of "confidence < threshold").
// Recordings: the ten-minute fixture; the chunking parity test's espeak-ng file (another voice,
// other sentences, uneven pauses); and, when Debian's `fortunes` is installed, a third file of
// fortunes text that shares no four words in a row with either, in a third voice.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CtcDecoder, CtcDecoderFactory } from '../src/engine/asr/decoders/ctcDecoder.ts';
import { greedyCtcDecoder } from '../src/engine/asr/decoders/greedyCtcDecoder.ts';
import { breakingAtPauses, WORD_BREAK_PAUSE_SECONDS } from '../src/engine/asr/decoders/pauseBreaks.ts';
import { StreamingTranscriber, type WindowModel } from '../src/engine/asr/streamingTranscriber.ts';
import { windowSettings, type WindowSettings } from '../src/engine/asr/windowSettings.ts';
import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS } from '../src/engine/protocol.ts';
import { CtcModel } from '../src/engine/worker/ctcModel.ts';
import { DOUBT_THRESHOLD } from '../src/features/transcript/doubt.ts';
import { SAMPLE_RATE } from '../src/shared/audioFormat.ts';
import type { TranscribedWord } from '../src/shared/transcript.ts';
import { synthesizeLongFile } from '../test/support/espeakLongFile.ts';
import { FORTUNES, fortunesCorpus } from '../test/support/fortunesText.ts';
import { MODELS_DIR, readWav16kMono } from '../test/support/sharedFixtures.ts';
import { chunkedWords, delayed, differingWords, errorRates, matchedWords, perSentenceWords, singleThreadedOrt, textOf } from '../test/support/speechAccuracy.ts';
import { readAudio16kMono, speechLongManifest, speechSentenceManifest, type TimedSentence } from '../test/support/speechFixtures.ts';
import { UNSEEN_SENTENCES, unseenSpeechFile } from '../test/support/unseenSpeech.ts';
import { decoderTee } from './decoderTee.ts';
import { loadUnnormalised, NormalisingModel, SCHEMES } from './normalisationSchemes.ts';
import { pauseAlignedWords } from './pauseAlignedWindows.ts';

const SECTIONS = ['grid', 'breaks', 'norm', 'pauses', 'confidence'] as const;
type Section = (typeof SECTIONS)[number];
const argument = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const sections = new Set<Section>((argument('only')?.split(',') as Section[] | undefined) ?? SECTIONS);
for (const s of sections) if (!SECTIONS.includes(s)) throw new Error(`Unknown section "${s}"; pick from ${SECTIONS.join(', ')}.`);
const PHASES = Number(argument('phases') ?? 4);

const numbers = (name: string, fallback: number[]) => argument(name)?.split(',').map(Number) ?? fallback;
const WINDOWS = numbers('windows', [8, 10, 12, 15, 20, 25, 30]);
const STRIDES = numbers('strides', [0.5, 1, 1.5, 2, 2.5, 3]);
const BREAK_PAUSES = [0.2, 0.3, 0.4, 0.5, 0.6, 0.8];
/** A word is at a window edge when its span comes this close to where two windows' kept frames meet. */
const EDGE_SECONDS = 0.5;
const THRESHOLDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.82, 0.84, 0.85, 0.86, 0.88, 0.9, 0.92, 0.94, 0.96];
const FORTUNES_SENTENCES = 130;
/** The target: chunked WER at most this far above one pass per sentence. */
const TOLERANCE = 0.002;

const DECODERS: ReadonlyArray<[string, CtcDecoderFactory]> = [
  ['greedy (the app today)', greedyCtcDecoder],
  [`greedy, words end at ${WORD_BREAK_PAUSE_SECONDS} s pauses`, breakingAtPauses(greedyCtcDecoder)],
];

/** One delayed copy of a recording, with its one-pass reference. */
interface Phase {
  readonly samples: Float32Array;
  readonly sentences: readonly TimedSentence[];
  readonly reference: TranscribedWord[];
}

interface Recording {
  readonly label: string;
  readonly voice: string;
  readonly text: string;
  readonly words: number;
  readonly phases: Phase[];
  /** One pass per sentence, errors pooled over the phases. */
  readonly referenceWer: number;
  readonly referenceCer: number;
}

/** Word and character errors of several transcripts of one recording, one per phase, pooled. */
function pooled(recording: Pick<Recording, 'text'>, transcripts: ReadonlyArray<readonly TranscribedWord[]>): { wer: number; cer: number } {
  const rates = transcripts.map((words) => errorRates(recording.text, textOf(words)));
  const sum = (key: 'wordErrors' | 'words' | 'charErrors' | 'chars') => rates.reduce((total, r) => total + r[key], 0);
  return { wer: sum('wordErrors') / sum('words'), cer: sum('charErrors') / sum('chars') };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const points = (x: number) => `${x > -0.0005 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log();
}

/** Runs the model once per phase with `settings` and returns every decoder's words, [decoder][phase]. */
async function chunkedByDecoder(model: WindowModel | ((phase: Phase) => WindowModel), recording: Recording, settings: WindowSettings, decoders: readonly CtcDecoderFactory[]) {
  const byDecoder = decoders.map((): TranscribedWord[][] => []);
  for (const phase of recording.phases) {
    const tee = decoderTee(decoders);
    await chunkedWords(typeof model === 'function' ? model(phase) : model, phase.samples, settings, tee.factory);
    tee.words.forEach((words, i) => byDecoder[i].push(words));
  }
  return byDecoder;
}

/** Fortunes sentences of 5 to 14 words, evenly spread over the corpus, in a third voice. */
function fortunesRecording(dir: string, keepApart: readonly string[]): ReturnType<typeof synthesizeLongFile> | null {
  if (!statSync(FORTUNES, { throwIfNoEntry: false })?.isDirectory()) return null;
  const candidates = fortunesCorpus(keepApart).sentences.filter((words) => words.length >= 5 && words.length <= 14);
  const every = Math.floor(candidates.length / FORTUNES_SENTENCES);
  const sentences = Array.from({ length: FORTUNES_SENTENCES }, (_, i) => candidates[i * every].join(' '));
  return synthesizeLongFile(sentences, { voice: 'en-us+f2', wordsPerMinute: 185, pauseAfter: (i) => 0.3 + (0.9 * ((i * 5) % 13)) / 12 }, dir, 'fortunes-en-us-f2');
}

/** Where consecutive windows' kept frames meet, in seconds. */
function fixedWindowEdges(samples: number, settings: WindowSettings): number[] {
  const edges: number[] = [];
  for (let start = 0; start + settings.windowSamples < samples; start += settings.stepSamples) {
    edges.push((start + settings.windowSamples - settings.strideSamples) / SAMPLE_RATE);
  }
  return edges;
}

const nearAnEdge = (edges: readonly number[]) => (word: TranscribedWord) =>
  edges.some((edge) => word.start - EDGE_SECONDS <= edge && edge <= word.end + EDGE_SECONDS);

/** How many words differ from the reference, how many of those lie at window edges, and how many words lie there at all. */
function edgeCell(reference: readonly TranscribedWord[], words: readonly TranscribedWord[], edges: readonly number[]): string {
  const { onlyA, onlyB } = differingWords(reference, words);
  const near = nearAnEdge(edges);
  const atEdges = onlyA.filter(near).length + onlyB.filter(near).length;
  const differing = onlyA.length + onlyB.length;
  return `${differing}: ${atEdges} (${pct(atEdges / Math.max(1, differing))} vs ${pct(reference.filter(near).length / reference.length)})`;
}

function listEdgeDifferences(reference: readonly TranscribedWord[], words: readonly TranscribedWord[], edges: readonly number[]): void {
  const { onlyA, onlyB } = differingWords(reference, words);
  for (const edge of edges) {
    const near = nearAnEdge([edge]);
    const before = onlyA.filter(near).map((w) => w.text);
    const after = onlyB.filter(near).map((w) => w.text);
    if (before.length + after.length > 0) console.log(`  ${edge.toFixed(2).padStart(7)} s   one pass: ${before.join(' ') || '—'}   chunked: ${after.join(' ') || '—'}`);
  }
}

/** Words of a transcript that span the middle of the gap between two sentences: two words run together. */
function wordsAcrossSentences(words: readonly TranscribedWord[], sentences: readonly TimedSentence[]): TranscribedWord[] {
  const gaps = sentences.slice(1).map((next, i) => (sentences[i].end + next.start) / 2);
  return words.filter((word) => gaps.some((gap) => word.start < gap && gap < word.end));
}

/** The best symbol of every frame, in order, as StreamingTranscriber hands the frames over. */
async function bestSymbols(model: WindowModel, samples: Float32Array, settings: WindowSettings): Promise<number[]> {
  const ids: number[] = [];
  const recorder: CtcDecoder = {
    push({ data, frames, vocabSize }) {
      for (let f = 0; f < frames; f++) {
        let best = 0;
        for (let v = 1; v < vocabSize; v++) if (data[f * vocabSize + v] > data[f * vocabSize + best]) best = v;
        ids.push(best);
      }
      return [];
    },
    pendingWord: () => null,
    flush: () => [],
    clone: () => recorder,
  };
  const transcriber = new StreamingTranscriber(model, settings, () => recorder);
  for (let at = 0; at < samples.length; at += SAMPLE_RATE) await transcriber.push(samples.subarray(at, at + SAMPLE_RATE));
  await transcriber.finish();
  return ids;
}

/**
 * Runs of blank frames between two character frames with no delimiter between them: inside a
 * word, or across the gap between two sentences (where one word would come out of two).
 */
function blankRuns(ids: readonly number[], blankId: number, delimiterId: number, sentences: readonly TimedSentence[], secondsPerFrame: number) {
  const gaps = sentences.slice(1).map((next, i) => (sentences[i].end + next.start) / 2);
  const inWords: number[] = [];
  const acrossSentences: number[] = [];
  let lastCharacter = -1;
  let delimited = false;
  ids.forEach((id, frame) => {
    if (id === blankId) return;
    if (id === delimiterId) {
      delimited = true;
      return;
    }
    if (lastCharacter >= 0 && !delimited && frame - lastCharacter > 1) {
      const across = gaps.some((gap) => lastCharacter * secondsPerFrame < gap && gap < frame * secondsPerFrame);
      (across ? acrossSentences : inWords).push((frame - lastCharacter - 1) * secondsPerFrame);
    }
    lastCharacter = frame;
    delimited = false;
  });
  return { inWords, acrossSentences };
}

async function main(): Promise<void> {
  singleThreadedOrt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chunking-accuracy-'));
  try {
    const model = await CtcModel.load({ name: 'espeak-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu', dtype: 'fp32' });
    const hop = model.geometry.hop;
    const long = speechLongManifest();
    const clips = speechSentenceManifest();
    const unseen = unseenSpeechFile(dir);
    const fortunes = fortunesRecording(dir, [...long.sentences.map((s) => s.text), ...clips.map((c) => c.text), ...UNSEEN_SENTENCES]);
    const sources = [
      { label: 'ten-minutes.opus', voice: long.voice, text: long.text, samples: await readAudio16kMono(long.file), sentences: long.sentences },
      { label: 'parity test file', voice: 'en-gb', text: unseen.text, samples: readWav16kMono(unseen.file), sentences: unseen.sentences },
    ];
    if (fortunes) {
      sources.push({ label: 'fortunes file', voice: 'en-us+f2', text: fortunes.text, samples: readWav16kMono(fortunes.file), sentences: fortunes.sentences });
    } else {
      console.log(`(${FORTUNES} is missing: the third recording is left out; apt-get install -y fortunes)`);
    }
    const recordings: Recording[] = [];
    for (const source of sources) {
      const phases: Phase[] = [];
      for (let k = 0; k < PHASES; k++) {
        const { samples, sentences } = delayed(source.samples, source.sentences, Math.round((k * hop) / PHASES));
        phases.push({ samples, sentences, reference: await perSentenceWords(model, samples, sentences) });
      }
      const reference = pooled(source, phases.map((p) => p.reference));
      recordings.push({ ...source, words: source.text.split(' ').length, phases, referenceWer: reference.wer, referenceCer: reference.cer });
    }
    const defaults = windowSettings(model.geometry);
    const defaultLabel = `${DEFAULT_WINDOW_SECONDS} s / ${DEFAULT_STRIDE_SECONDS} s`;
    const factories = DECODERS.map(([, factory]) => factory);
    const defaultRuns = new Map<Recording, TranscribedWord[][][]>();
    for (const r of recordings) defaultRuns.set(r, await chunkedByDecoder(model, r, defaults, factories));

    console.log(`\n${PHASES} phase${PHASES > 1 ? 's' : ''} per recording. One pass per sentence (±0.25 s, normalised alone) against chunked at the defaults (${defaultLabel})\n`);
    table(
      ['recording', 'voice', 'min', 'sentences', 'words', 'one-pass WER', 'CER', ...DECODERS.flatMap(([name]) => [`${name}: WER`, 'CER', 'Δ WER', 'Δ per phase'])],
      recordings.map((r) => [
        r.label, r.voice, (r.phases[0].samples.length / SAMPLE_RATE / 60).toFixed(1), String(r.phases[0].sentences.length), String(r.words), pct(r.referenceWer), pct(r.referenceCer),
        ...defaultRuns.get(r)!.flatMap((byPhase) => {
          const rates = pooled(r, byPhase);
          const perPhase = byPhase.map((words, k) => points(errorRates(r.text, textOf(words)).wer - errorRates(r.text, textOf(r.phases[k].reference)).wer));
          return [pct(rates.wer), pct(rates.cer), points(rates.wer - r.referenceWer), perPhase.join(' ')];
        }),
      ]),
    );

    if (sections.has('grid')) {
      const worst = DECODERS.map(() => new Map<string, number>());
      for (const r of recordings) {
        const werRows: string[][] = [];
        const cerRows: string[][] = [];
        const edgeRows: string[][] = [];
        for (const win of WINDOWS) {
          const werRow = [`${win} s`];
          const cerRow = [`${win} s`];
          const edgeRow = [`${win} s`];
          for (const stride of STRIDES) {
            const settings = windowSettings(model.geometry, win, stride);
            const byDecoder = await chunkedByDecoder(model, r, settings, factories);
            const rates = byDecoder.map((byPhase) => pooled(r, byPhase));
            rates.forEach(({ wer }, i) => worst[i].set(`${win}/${stride}`, Math.max(worst[i].get(`${win}/${stride}`) ?? -Infinity, wer - r.referenceWer)));
            werRow.push(rates.map(({ wer }) => points(wer - r.referenceWer)).join(' / '));
            cerRow.push(rates.map(({ cer }) => points(cer - r.referenceCer)).join(' / '));
            edgeRow.push(edgeCell(r.phases[0].reference, byDecoder[0][0], fixedWindowEdges(r.phases[0].samples.length, settings)));
          }
          werRows.push(werRow);
          cerRows.push(cerRow);
          edgeRows.push(edgeRow);
        }
        const header = ['window', ...STRIDES.map((s) => `stride ${s} s`)];
        const decoders = DECODERS.map(([name]) => name).join(' / ');
        console.log(`${r.label}: chunked WER minus one pass per sentence (${pct(r.referenceWer)}), points; ${decoders}`);
        table(header, werRows);
        console.log(`${r.label}: chunked CER minus one pass per sentence (${pct(r.referenceCer)}), points; ${decoders}`);
        table(header, cerRows);
        console.log(
          `${r.label}, first phase, ${DECODERS[0][0]}: words that differ from the one-pass transcript (either side of the alignment): ` +
            `all: at window edges (±${EDGE_SECONDS} s of where two windows' kept frames meet) (their share vs the share of all words at edges)`,
        );
        table(header, edgeRows);
      }
      DECODERS.forEach(([name], i) => {
        console.log(`${name}: the worst Δ WER over the recordings, points (target ≤ +${TOLERANCE * 100} on each)`);
        table(['window', ...STRIDES.map((s) => `stride ${s} s`)], WINDOWS.map((win) => [`${win} s`, ...STRIDES.map((s) => points(worst[i].get(`${win}/${s}`)!))]));
        const met = [...worst[i]].filter(([, d]) => d <= TOLERANCE).map(([k]) => `${k} s`);
        console.log(`Within +${TOLERANCE * 100} points on every recording: ${met.length > 0 ? met.join(', ') : 'none'}\n`);
      });
      const ten = recordings[0];
      DECODERS.forEach(([name], i) => {
        console.log(`Differences at window edges, ${ten.label}, first phase, defaults (${defaultLabel}), ${name}:`);
        listEdgeDifferences(ten.phases[0].reference, defaultRuns.get(ten)![i][0], fixedWindowEdges(ten.phases[0].samples.length, defaults));
        console.log();
      });
    }

    if (sections.has('breaks')) {
      console.log(`Words run together across the gap between two sentences, at the defaults (${defaultLabel}), first phase`);
      table(
        ['recording', 'gaps', ...DECODERS.map(([name]) => name), 'one pass per sentence'],
        recordings.map((r) => [r.label, String(r.phases[0].sentences.length - 1), ...defaultRuns.get(r)!.map((byPhase) => String(wordsAcrossSentences(byPhase[0], r.phases[0].sentences).length)),
          String(wordsAcrossSentences(r.phases[0].reference, r.phases[0].sentences).length)]),
      );
      console.log('Runs of blank frames with no delimiter, between two characters, at the defaults, first phase: inside a word, and across a sentence gap');
      const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))] ?? 0;
      const rows: string[][] = [];
      for (const r of recordings) {
        const ids = await bestSymbols(model, r.phases[0].samples, defaults);
        const runs = blankRuns(ids, model.vocabulary.blankId, model.vocabulary.delimiterId, r.phases[0].sentences, hop / SAMPLE_RATE);
        for (const [where, values] of [['inside words', runs.inWords], ['across sentences', runs.acrossSentences]] as const) {
          rows.push([r.label, where, String(values.length), ...[0.5, 0.99, 1].map((q) => `${quantile(values, q).toFixed(2)} s`), String(values.filter((v) => v >= WORD_BREAK_PAUSE_SECONDS).length)]);
        }
      }
      table(['recording', 'runs', 'count', 'median', '99th pct', 'longest', `≥ ${WORD_BREAK_PAUSE_SECONDS} s`], rows);
      console.log(`A run of blanks this long ends the word: Δ WER at the defaults (${defaultLabel}), points`);
      const sweep = [greedyCtcDecoder, ...BREAK_PAUSES.map((seconds) => breakingAtPauses(greedyCtcDecoder, seconds))];
      const byRecording = new Map<Recording, TranscribedWord[][][]>();
      for (const r of recordings) byRecording.set(r, await chunkedByDecoder(model, r, defaults, sweep));
      table(
        ['pause', ...recordings.map((r) => r.label)],
        ['never', ...BREAK_PAUSES.map((s) => `${s} s`)].map((label, i) => [label, ...recordings.map((r) => points(pooled(r, byRecording.get(r)![i]).wer - r.referenceWer))]),
      );
    }

    if (sections.has('norm')) {
      const raw = await loadUnnormalised(MODELS_DIR, 'espeak-ctc', dir);
      const settingsList: Array<[number, number]> = [[DEFAULT_WINDOW_SECONDS, DEFAULT_STRIDE_SECONDS], [10, 1]];
      console.log(`Normalisation schemes: Δ WER, points; ${DECODERS.map(([name]) => name).join(' / ')}. None holds more audio than a window, but the oracle reads the whole file first`);
      const rows: string[][] = [];
      for (const scheme of SCHEMES) {
        const row: string[] = [scheme];
        for (const [win, stride] of settingsList) {
          const settings = windowSettings(model.geometry, win, stride);
          for (const r of recordings) {
            const byDecoder = await chunkedByDecoder((phase) => new NormalisingModel(raw, settings, scheme, phase.samples), r, settings, factories);
            if (scheme === 'per window' && settings.windowSamples === defaults.windowSamples && settings.strideSamples === defaults.strideSamples) {
              if (byDecoder[0].some((words, k) => textOf(words) !== textOf(defaultRuns.get(r)![0][k]))) throw new Error(`per-window normalisation in the harness differs from the app's on ${r.label}`);
            }
            row.push(byDecoder.map((byPhase) => points(pooled(r, byPhase).wer - r.referenceWer)).join(' / '));
          }
        }
        rows.push(row);
      }
      table(['scheme', ...settingsList.flatMap(([w, s]) => recordings.map((r) => `${w}/${s} s ${r.label}`))], rows);
      await raw.dispose();
    }

    if (sections.has('pauses')) {
      console.log(`Windows cut in pauses (measured here only; each window normalised alone, zero-padded to the longest): Δ WER, points; ${DECODERS.map(([name]) => name).join(' / ')}`);
      const rows: string[][] = [];
      for (const maxWindowSeconds of [10, 15, 20, 30]) {
        for (const contextSeconds of [0, 0.5, 1]) {
          const row = [`≤ ${maxWindowSeconds} s, context ${contextSeconds} s`];
          for (const r of recordings) {
            const byDecoder = factories.map((): TranscribedWord[][] => []);
            for (const phase of r.phases) {
              const tee = decoderTee(factories);
              await pauseAlignedWords(model, phase.samples, { maxWindowSeconds, contextSeconds }, tee.factory);
              tee.words.forEach((words, i) => byDecoder[i].push(words));
            }
            row.push(byDecoder.map((byPhase) => points(pooled(r, byPhase).wer - r.referenceWer)).join(' / '));
          }
          rows.push(row);
        }
      }
      table(['windows', ...recordings.map((r) => r.label)], rows);
    }

    if (sections.has('confidence')) {
      const clipRuns = factories.map((): Array<{ text: string; words: TranscribedWord[] }> => []);
      for (const clip of clips) {
        const tee = decoderTee(factories);
        await chunkedWords(model, readWav16kMono(clip.file), defaults, tee.factory);
        tee.words.forEach((words, i) => clipRuns[i].push({ text: clip.text, words }));
      }
      console.log(
        `Confidence, chunked at ${defaultLabel}, first phase: a word is wrong when the word alignment with the text does not match it ` +
          `(substituted or inserted). Flagged: confidence < threshold. J = recall − the share of right words flagged. DOUBT_THRESHOLD = ${DOUBT_THRESHOLD}.`,
      );
      DECODERS.forEach(([name], d) => {
        const sets = [
          ...recordings.map((r) => ({ label: r.label, runs: [{ text: r.text, words: defaultRuns.get(r)![d][0] }] })),
          { label: 'sentence clips (24)', runs: clipRuns[d] },
        ];
        const all = { label: 'all', runs: sets.flatMap((s) => s.runs) };
        for (const set of [...sets, all]) {
          const words = set.runs.flatMap((run) => run.words);
          const matched = set.runs.flatMap((run) => matchedWords(run.text, run.words));
          const wrong = matched.filter((m) => !m).length;
          console.log(`${name}, ${set.label}: ${words.length} words, ${wrong} wrong (${pct(wrong / words.length)})`);
          table(
            ['threshold', 'flagged', 'precision', 'recall', 'F1', 'J', 'wrong among unflagged'],
            THRESHOLDS.map((t) => {
              const flagged = words.map((w) => w.confidence < t);
              const hits = flagged.filter((f, i) => f && !matched[i]).length;
              const nFlagged = flagged.filter(Boolean).length;
              const precision = nFlagged === 0 ? 1 : hits / nFlagged;
              const recall = hits / Math.max(1, wrong);
              const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
              const falseAlarms = (nFlagged - hits) / Math.max(1, words.length - wrong);
              return [String(t), pct(nFlagged / words.length), pct(precision), pct(recall), f1.toFixed(3), (recall - falseAlarms).toFixed(3), pct((wrong - hits) / Math.max(1, words.length - nFlagged))];
            }),
          );
        }
      });
    }
    await model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
