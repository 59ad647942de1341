// Chunked against one pass, and what the words' confidence says, on espeak-ctc (Node, the real
// runtime, ORT on one thread). The reference is one pass per sentence: each sentence of a long
// recording's manifest run alone with a quarter second either side, normalised on its own, greedy.
//
//   npx tsx bench/chunkingAccuracy.ts                      # everything (about ten minutes here)
//   npx tsx bench/chunkingAccuracy.ts --only=grid,confidence
//
// Sections: grid (window × stride through StreamingTranscriber, with the words that differ from
// the reference at window edges), norm (normalisation schemes), pauses (windows cut in pauses,
// measured here only), confidence (precision and recall of "confidence < threshold").
// Recordings: the ten-minute fixture; the chunking parity test's own espeak-ng file (another voice,
// other sentences, uneven pauses); and, when Debian's `fortunes` is installed, a third file from
// fortunes text that shares no four words in a row with either, in a third voice.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS } from '../src/engine/protocol.ts';
import { windowSettings, type WindowSettings } from '../src/engine/asr/windowSettings.ts';
import { CtcModel } from '../src/engine/worker/ctcModel.ts';
import { DOUBT_THRESHOLD } from '../src/features/transcript/doubt.ts';
import { SAMPLE_RATE } from '../src/shared/audioFormat.ts';
import type { TranscribedWord } from '../src/shared/transcript.ts';
import { synthesizeLongFile } from '../test/support/espeakLongFile.ts';
import { FORTUNES, fortunesCorpus } from '../test/support/fortunesText.ts';
import { MODELS_DIR, readWav16kMono } from '../test/support/sharedFixtures.ts';
import { chunkedWords, differingWords, errorRates, matchedWords, perSentenceWords, singleThreadedOrt, textOf, type ErrorRates } from '../test/support/speechAccuracy.ts';
import { readAudio16kMono, speechLongManifest, speechSentenceManifest, type TimedSentence } from '../test/support/speechFixtures.ts';
import { UNSEEN_SENTENCES, unseenSpeechFile } from '../test/support/unseenSpeech.ts';
import { loadUnnormalised, NormalisingModel, SCHEMES } from './normalisationSchemes.ts';
import { pauseAlignedWords } from './pauseAlignedWindows.ts';

const SECTIONS = ['grid', 'norm', 'pauses', 'confidence'] as const;
type Section = (typeof SECTIONS)[number];
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const sections = new Set<Section>(onlyArg ? (onlyArg.slice(7).split(',') as Section[]) : SECTIONS);
for (const s of sections) if (!SECTIONS.includes(s)) throw new Error(`Unknown section "${s}"; pick from ${SECTIONS.join(', ')}.`);

const WINDOWS = [8, 10, 12, 15, 20, 25, 30];
const STRIDES = [0.5, 1, 1.5, 2, 2.5, 3];
/** A word is at a window edge when its span comes this close to where two windows' kept frames meet. */
const EDGE_SECONDS = 0.5;
const THRESHOLDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.82, 0.84, 0.85, 0.86, 0.88, 0.9, 0.92, 0.94, 0.96];
const FORTUNES_SENTENCES = 130;

interface Recording {
  readonly label: string;
  readonly voice: string;
  readonly text: string;
  readonly samples: Float32Array;
  readonly sentences: readonly TimedSentence[];
  /** One pass per sentence. */
  reference: TranscribedWord[];
  referenceRates: ErrorRates;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log();
}

/** Fortunes sentences of 5 to 14 words, every so many of the corpus, in a third voice. */
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

/** How many words differ from the reference, and how many of those lie at window edges. */
function edgeCounts(recording: Recording, words: readonly TranscribedWord[], edges: readonly number[]) {
  const { onlyA, onlyB } = differingWords(recording.reference, words);
  const near = nearAnEdge(edges);
  return {
    differing: onlyA.length + onlyB.length,
    atEdges: onlyA.filter(near).length + onlyB.filter(near).length,
    /** The share of the reference's words at an edge, what the differing words would show by chance. */
    edgeShare: recording.reference.filter(near).length / recording.reference.length,
  };
}

function listEdgeDifferences(recording: Recording, words: readonly TranscribedWord[], edges: readonly number[]): void {
  const { onlyA, onlyB } = differingWords(recording.reference, words);
  for (const edge of edges) {
    const near = nearAnEdge([edge]);
    const before = onlyA.filter(near).map((w) => w.text);
    const after = onlyB.filter(near).map((w) => w.text);
    if (before.length + after.length === 0) continue;
    console.log(`  ${edge.toFixed(2).padStart(7)} s   one pass: ${before.join(' ') || '—'}   chunked: ${after.join(' ') || '—'}`);
  }
}

async function main(): Promise<void> {
  singleThreadedOrt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chunking-accuracy-'));
  try {
    const model = await CtcModel.load({ name: 'espeak-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu', dtype: 'fp32' });
    const long = speechLongManifest();
    const clips = speechSentenceManifest();
    const unseen = unseenSpeechFile(dir);
    const fortunes = fortunesRecording(dir, [long.text, ...long.sentences.map((s) => s.text), ...clips.map((c) => c.text), ...UNSEEN_SENTENCES]);
    const recordings: Recording[] = [
      { label: 'ten-minutes.opus', voice: long.voice, text: long.text, samples: await readAudio16kMono(long.file), sentences: long.sentences, reference: [], referenceRates: null! },
      { label: 'parity test file', voice: 'en-gb', text: unseen.text, samples: readWav16kMono(unseen.file), sentences: unseen.sentences, reference: [], referenceRates: null! },
    ];
    if (fortunes) {
      recordings.push({ label: 'fortunes file', voice: 'en-us+f2', text: fortunes.text, samples: readWav16kMono(fortunes.file), sentences: fortunes.sentences, reference: [], referenceRates: null! });
    } else {
      console.log(`(${FORTUNES} is missing: the third recording is left out; apt-get install -y fortunes)`);
    }
    for (const r of recordings) {
      r.reference = await perSentenceWords(model, r.samples, r.sentences);
      r.referenceRates = errorRates(r.text, textOf(r.reference));
    }

    const defaults = windowSettings(model.geometry);
    const defaultLabel = `${DEFAULT_WINDOW_SECONDS} s / ${DEFAULT_STRIDE_SECONDS} s`;
    const defaultRuns = new Map<Recording, TranscribedWord[]>();
    for (const r of recordings) defaultRuns.set(r, await chunkedWords(model, r.samples, defaults));

    console.log(`\nRecordings; one pass per sentence (±0.25 s, normalised alone) against chunked at the defaults (${defaultLabel}), greedy\n`);
    table(
      ['recording', 'voice', 'min', 'sentences', 'words', 'one-pass WER', 'CER', 'chunked WER', 'CER', 'Δ WER pts'],
      recordings.map((r) => {
        const chunked = errorRates(r.text, textOf(defaultRuns.get(r)!));
        return [r.label, r.voice, (r.samples.length / SAMPLE_RATE / 60).toFixed(1), String(r.sentences.length), String(r.referenceRates.words),
          pct(r.referenceRates.wer), pct(r.referenceRates.cer), pct(chunked.wer), pct(chunked.cer), points(chunked.wer - r.referenceRates.wer)];
      }),
    );

    if (sections.has('grid')) {
      const worst = new Map<string, number>();
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
            const words = await chunkedWords(model, r.samples, settings);
            const rates = errorRates(r.text, textOf(words));
            const delta = rates.wer - r.referenceRates.wer;
            const key = `${win} s / ${stride} s`;
            worst.set(key, Math.max(worst.get(key) ?? -Infinity, delta));
            werRow.push(`${pct(rates.wer)} ${points(delta)}`);
            cerRow.push(`${pct(rates.cer)} ${points(rates.cer - r.referenceRates.cer)}`);
            const edges = edgeCounts(r, words, fixedWindowEdges(r.samples.length, settings));
            edgeRow.push(`${edges.differing}: ${edges.atEdges} (${pct(edges.atEdges / Math.max(1, edges.differing))} vs ${pct(edges.edgeShare)})`);
          }
          werRows.push(werRow);
          cerRows.push(cerRow);
          edgeRows.push(edgeRow);
        }
        const header = ['window', ...STRIDES.map((s) => `stride ${s} s`)];
        console.log(`${r.label}: chunked WER and its difference from one pass per sentence (${pct(r.referenceRates.wer)}), in points`);
        table(header, werRows);
        console.log(`${r.label}: chunked CER and its difference from one pass per sentence (${pct(r.referenceRates.cer)})`);
        table(header, cerRows);
        console.log(
          `${r.label}: words that differ from the one-pass transcript (either side of the alignment): all: at window edges ` +
            `(±${EDGE_SECONDS} s of where two windows' kept frames meet); share at edges vs the share of all words at edges`,
        );
        table(header, edgeRows);
      }
      console.log('Worst difference from one pass per sentence over the recordings, WER points (target ≤ +0.2 on each)');
      table(['window', ...STRIDES.map((s) => `stride ${s} s`)], WINDOWS.map((win) => [`${win} s`, ...STRIDES.map((s) => points(worst.get(`${win} s / ${s} s`)!))]));
      const met = [...worst].filter(([, d]) => d <= 0.002).map(([k]) => k);
      console.log(`Settings within +0.2 points on every recording: ${met.length > 0 ? met.join(', ') : 'none'}\n`);
      console.log(`Differences at window edges, ${recordings[0].label}, defaults (${defaultLabel}):`);
      listEdgeDifferences(recordings[0], defaultRuns.get(recordings[0])!, fixedWindowEdges(recordings[0].samples.length, defaults));
      console.log();
    }

    if (sections.has('norm')) {
      const raw = await loadUnnormalised(MODELS_DIR, 'espeak-ctc');
      const settingsList: Array<[number, number]> = [[DEFAULT_WINDOW_SECONDS, DEFAULT_STRIDE_SECONDS], [10, 1], [30, 3]];
      console.log('Normalisation schemes (greedy, no extra audio held, except the oracle): WER and its difference from one pass per sentence');
      const rows: string[][] = [];
      for (const scheme of SCHEMES) {
        const row: string[] = [scheme];
        for (const [win, stride] of settingsList) {
          const settings = windowSettings(model.geometry, win, stride);
          for (const r of recordings) {
            const words = await chunkedWords(new NormalisingModel(raw, settings, scheme, r.samples), r.samples, settings);
            if (scheme === 'per window' && win === DEFAULT_WINDOW_SECONDS && stride === DEFAULT_STRIDE_SECONDS && textOf(words) !== textOf(defaultRuns.get(r)!)) {
              throw new Error(`per-window normalisation outside the model differs from the app's on ${r.label}`);
            }
            const { wer } = errorRates(r.text, textOf(words));
            row.push(`${pct(wer)} ${points(wer - r.referenceRates.wer)}`);
          }
        }
        rows.push(row);
      }
      table(['scheme', ...settingsList.flatMap(([w, s]) => recordings.map((r) => `${w}/${s} s ${r.label.split(' ')[0]}`))], rows);
      await raw.dispose();
    }

    if (sections.has('pauses')) {
      console.log('Windows cut in pauses (harness only; each window normalised alone): WER and its difference from one pass per sentence');
      const rows: string[][] = [];
      for (const maxWindowSeconds of [10, 15, 20, 30]) {
        for (const contextSeconds of [0, 0.5, 1]) {
          for (const padded of [true, false]) {
            const row = [`≤ ${maxWindowSeconds} s, context ${contextSeconds} s, ${padded ? 'padded' : 'own length'}`];
            for (const r of recordings) {
              const { words, cuts } = await pauseAlignedWords(model, r.samples, { maxWindowSeconds, contextSeconds, padded });
              const rates = errorRates(r.text, textOf(words));
              const edges = edgeCounts(r, words, cuts);
              row.push(`${pct(rates.wer)} ${points(rates.wer - r.referenceRates.wer)}`, `${edges.differing}: ${edges.atEdges}`);
            }
            rows.push(row);
          }
        }
      }
      table(['windows', ...recordings.flatMap((r) => [r.label, 'differ: at edges'])], rows);
    }

    if (sections.has('confidence')) {
      const sets: Array<{ label: string; words: TranscribedWord[]; matched: boolean[] }> = recordings.map((r) => {
        const words = defaultRuns.get(r)!;
        return { label: r.label, words, matched: matchedWords(r.text, words) };
      });
      const clipWords: TranscribedWord[] = [];
      const clipMatched: boolean[] = [];
      for (const clip of clips) {
        const words = await chunkedWords(model, readWav16kMono(clip.file), defaults);
        clipWords.push(...words);
        clipMatched.push(...matchedWords(clip.text, words));
      }
      sets.push({ label: 'sentence clips (24)', words: clipWords, matched: clipMatched });
      const pooled = { label: 'all', words: sets.flatMap((s) => s.words), matched: sets.flatMap((s) => s.matched) };
      console.log(
        `Confidence (greedy, chunked at ${defaultLabel}): a word is wrong when the word alignment with the text does not match it ` +
          `(substituted or inserted). Flagged: confidence < threshold. Currently DOUBT_THRESHOLD = ${DOUBT_THRESHOLD}.`,
      );
      for (const set of [...sets, pooled]) {
        const wrong = set.matched.filter((m) => !m).length;
        console.log(`${set.label}: ${set.words.length} words, ${wrong} wrong (${pct(wrong / set.words.length)})`);
        table(
          ['threshold', 'flagged', 'precision', 'recall', 'F1', 'wrong among unflagged'],
          THRESHOLDS.map((t) => {
            const flagged = set.words.map((w) => w.confidence < t);
            const hits = flagged.filter((f, i) => f && !set.matched[i]).length;
            const nFlagged = flagged.filter(Boolean).length;
            const precision = nFlagged === 0 ? 1 : hits / nFlagged;
            const recall = wrong === 0 ? 1 : hits / wrong;
            const missed = wrong - hits;
            return [String(t), pct(nFlagged / set.words.length), pct(precision), pct(recall), (precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)).toFixed(3),
              pct(missed / Math.max(1, set.words.length - nFlagged))];
          }),
        );
      }
    }
    await model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
