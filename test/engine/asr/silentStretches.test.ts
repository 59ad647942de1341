import { describe, expect, it } from 'vitest';
import { planResume } from '../../../src/engine/asr/resumePlan.ts';
import { SILENCE_PEAK_DBFS, silenceRule, SilenceTracker } from '../../../src/engine/asr/silentStretches.ts';
import { StreamingTranscriber, type WindowModel } from '../../../src/engine/asr/streamingTranscriber.ts';
import { windowSettings, type WindowSettings } from '../../../src/engine/asr/windowSettings.ts';
import type { TranscribedWord, TranscriptUpdate } from '../../../src/shared/transcript.ts';
import { encodeIds, idModel } from '../../support/idModel.ts';
import { seededRandom } from '../../support/seededRandom.ts';
import { geometry } from '../../support/toyCtc.ts';

const RATE = 16_000;
const HOP = 320;

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

/** `frames` frames of silence: digital, or noise whose peak is `peakDbfs`. */
function silence(frames: number, peakDbfs: number | null = null, seed = 1): Float32Array {
  const out = new Float32Array(frames * HOP);
  if (peakDbfs !== null) {
    const random = seededRandom(seed);
    const peak = 10 ** (peakDbfs / 20);
    for (let i = 0; i < out.length; i++) out[i] = peak * (2 * random() - 1);
    out[7] = peak;
  }
  return out;
}

const seconds = (s: number) => Math.round((s * RATE) / HOP);

async function run(transcriber: StreamingTranscriber, samples: Float32Array, piece = 7_777) {
  const words: TranscribedWord[] = [];
  const updates: TranscriptUpdate[] = [];
  for (let at = 0; at < samples.length; at += piece) {
    const update = await transcriber.push(samples.subarray(at, at + piece));
    updates.push(update);
    words.push(...update.words);
  }
  const last = await transcriber.finish();
  return { words: [...words, ...last.words], last, updates };
}

/**
 * What the stream must give: each stretch of sound decoded whole, in one window, on its own
 * (a silence ends the words before it), its times moved to where it lies in the stream.
 */
async function eachAlone(model: WindowModel, parts: Float32Array[], isSound: boolean[]): Promise<TranscribedWord[]> {
  const words: TranscribedWord[] = [];
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    if (isSound[i]) {
      const alone = await run(new StreamingTranscriber(model, windowSettings(geometry, 600, 1)), parts[i]);
      words.push(...alone.words.map((w) => ({ ...w, start: w.start + at / RATE, end: w.end + at / RATE })));
    }
    at += parts[i].length;
  }
  return words.map((w) => ({ ...w, start: +w.start.toFixed(9), end: +w.end.toFixed(9) }));
}

const rounded = (words: TranscribedWord[]) => words.map((w) => ({ ...w, start: +w.start.toFixed(9), end: +w.end.toFixed(9) }));

describe('the silence rule', () => {
  it('counts a block silent when its peak stays below the level, one sample above keeps it', () => {
    const level = 10 ** (SILENCE_PEAK_DBFS / 20);
    const tracker = new SilenceTracker(level);
    const block = new Float32Array(HOP).fill(level * 0.99);
    tracker.feed(block, 0, HOP);
    expect(tracker.endBlock(0)).toBe(true);
    block[100] = -level * 1.01;
    tracker.feed(block, 0, 50);
    tracker.feed(block, 50, HOP);
    expect(tracker.endBlock(HOP)).toBe(false);
    expect(tracker.runStart).toBeNull();
    tracker.feed(new Float32Array(HOP), 0, HOP);
    tracker.endBlock(2 * HOP);
    tracker.feed(new Float32Array(HOP), 0, HOP);
    tracker.endBlock(3 * HOP);
    expect(tracker.runStart).toBe(2 * HOP);
  });

  it('skips a stretch once it is the stride plus the margin long, at least a second', () => {
    const defaults = silenceRule(windowSettings(geometry, 20, 2));
    expect(defaults.level).toBeCloseTo(0.00316, 5);
    expect(defaults.marginSamples).toBe(0.3 * RATE);
    expect(defaults.minSamples).toBe(2.3 * RATE);
    expect(silenceRule(windowSettings(geometry, 4, 0.2)).minSamples).toBe(RATE);
  });
});

describe('skipping silence in the stream', () => {
  const talk = (text: string) => encodeIds(text, 0);

  it.each([
    [20, 2],
    [4, 0.5],
    [8, 1],
    [13.7, 2.5],
  ])('a %s s window, %s s stride: every word with its exact times, wherever the silences fall, and fewer windows', async (win, stride) => {
    const settings = windowSettings(geometry, win, stride);
    const short = silenceRule(settings).minSamples / HOP - 1;
    for (let lead = 0; lead < 60; lead += 7) {
      // Words touch the silences: the last character's frames end where a stretch begins, the
      // first character's begin where it ends. 30 s always holds a full window's end with the
      // minimum behind it; `short` never reaches the minimum.
      const parts = [silence(lead), talk('AB '.repeat(lead % 5) + 'BAD DOOB AB'), silence(seconds(30)), talk('DAB BOO'), silence(short), talk('ABBA DO'), silence(seconds(31.7)), talk('OB')];
      const samples = concat(...parts);
      const model = idModel();
      const transcriber = new StreamingTranscriber(model, settings);
      const { words } = await run(transcriber, samples, 3_000 + lead * 100);
      // The short pause does not cut: the words on both sides decode as one stretch.
      const expected = await eachAlone(model, [parts[0], parts[1], parts[2], concat(parts[3], parts[4], parts[5]), parts[6], parts[7]], [false, true, false, true, false, true]);
      expect(rounded(words), `lead ${lead} frames`).toEqual(expected);

      const loud = new StreamingTranscriber(model, settings);
      await run(loud, samples.map(() => 4));
      expect(transcriber.windowCount, `lead ${lead} frames`).toBeLessThan(loud.windowCount);
      expect(transcriber.skippedSeconds).toBeGreaterThan(2 * (30 - settings.stepSamples / RATE - 3 * stride - 1.3));
    }
  });

  it('a word at the very edge of a stretch is kept with its last frame, at every position against the windows', async () => {
    const settings = windowSettings(geometry, 4, 1);
    for (let shift = 0; shift < 40; shift++) {
      // A lead under the margin moves everything by `shift` frames against the windows.
      const parts = [silence(shift % 15), talk('AB '.repeat(shift % 4) + 'BA'.repeat(shift % 5) + 'DOOB'), silence(seconds(6)), talk('BA')];
      const samples = concat(...parts);
      const model = idModel();
      const { words } = await run(new StreamingTranscriber(model, settings), samples);
      const expected = await eachAlone(model, parts, [false, true, false, true]);
      expect(rounded(words), `shift ${shift}`).toEqual(expected);
      expect(words.at(-2)!.text).toMatch(/DOOB$/);
      expect(words.at(-2)!.end).toBeCloseTo(expected.at(-2)!.end, 9);
    }
  });

  it('a stretch shorter than the minimum does not cut, one long enough always does', async () => {
    const settings = windowSettings(geometry, 4, 1);
    const { minSamples } = silenceRule(settings);
    for (let lead = 0; lead < 200; lead += 11) {
      const model = idModel();
      // Moves the stretch against the windows frame by frame, with no silence to skip before it.
      const shift = () => concat(silence(lead % 15), talk('AB '.repeat(lead % 7)));
      const short = concat(shift(), talk('DAB'), silence(minSamples / HOP - 1), talk('BAD'));
      const shortRun = new StreamingTranscriber(model, settings);
      expect((await run(shortRun, short)).words.map((w) => w.text).at(-1), `lead ${lead}`).toBe('DABBAD');
      expect(shortRun.skippedSeconds).toBe(0);

      // Long enough to hold a window's end with the minimum behind it, wherever it begins: a
      // whole window, or a step after the minimum.
      const always = Math.max(settings.windowSamples, minSamples + settings.stepSamples) / HOP + 1;
      const long = concat(shift(), talk('DAB'), silence(always), talk('BAD'));
      expect((await run(new StreamingTranscriber(model, settings), long)).words.map((w) => w.text).slice(-2), `lead ${lead}`).toEqual(['DAB', 'BAD']);
    }
  });

  it('skips audio quieter than the level, and decodes audio just louder', async () => {
    const settings = windowSettings(geometry, 20, 2);
    for (const [peak, skipped] of [
      [SILENCE_PEAK_DBFS - 1, true],
      [SILENCE_PEAK_DBFS + 1, false],
    ] as const) {
      const samples = concat(talk('BAD DOOB'), silence(seconds(60), peak), talk('AB'));
      const transcriber = new StreamingTranscriber(idModel(), settings);
      const { words } = await run(transcriber, samples);
      expect(words.map((w) => w.text)).toEqual(skipped ? ['BAD', 'DOOB', 'AB'] : ['BAD', 'DOOBAB']);
      expect(transcriber.skippedSeconds > 30, `${peak} dBFS`).toBe(skipped);
      expect(transcriber.windowCount, `${peak} dBFS`).toBe(skipped ? 1 + 1 : Math.ceil((samples.length / RATE - 4) / 16));
    }
  });

  it('moves the committed edge on through a skipped stretch, never past the audio received', async () => {
    const settings = windowSettings(geometry, 20, 2);
    const samples = concat(talk('BAD DOOB'), silence(seconds(120)), talk('AB'));
    const { updates, last } = await run(new StreamingTranscriber(idModel(), settings), samples, RATE);
    const committed = updates.map((u) => u.committedSeconds);
    committed.forEach((c, i) => {
      expect(c).toBeGreaterThanOrEqual(committed[i - 1] ?? 0);
      expect(c).toBeLessThanOrEqual(updates[i].receivedSeconds);
    });
    expect(committed.find((_, i) => updates[i].receivedSeconds > 100)).toBeGreaterThan(80);
    expect(last.committedSeconds).toBeCloseTo(samples.length / RATE, 1);
  });

  it('shows no tentative words while skipping, and the preview joins the committed words exactly', async () => {
    const settings = windowSettings(geometry, 4, 1);
    const samples = concat(talk('BAD DOOB'), silence(seconds(10)), talk('AB BOO DAB'));
    const transcriber = new StreamingTranscriber(idModel(), settings);
    const committed: TranscribedWord[] = [];
    let preview: TranscribedWord[] = [];
    for (let at = 0; at < samples.length; at += 3_200) {
      committed.push(...(await transcriber.push(samples.subarray(at, at + 3_200))).words);
      preview = await transcriber.preview();
      const inSilence = at > 5 * RATE && at + 3_200 < 10.64 * RATE;
      if (inSilence) expect(preview, `${at / RATE} s`).toEqual([]);
    }
    const final = [...committed, ...(await transcriber.finish()).words];
    expect(final.map((w) => w.text)).toEqual(['BAD', 'DOOB', 'AB', 'BOO', 'DAB']);
    expect([...committed, ...preview]).toEqual(final);
  });
});

describe('resuming across skipped stretches', () => {
  const talk = (text: string) => encodeIds(text, 0);
  // Silences under the minimum, around it, and long; words on every side of them.
  const samples = concat(
    talk('BAD DOOB AB DAB BOO '.repeat(3) + 'BAD'),
    silence(seconds(30)),
    talk('DAB BOO AB'),
    silence(seconds(3)),
    talk('DOOB BAD'),
    silence(seconds(2.5)),
    talk('AB BOO DAB '.repeat(6) + 'BOO'),
    silence(seconds(12)),
    talk('DAB'),
    silence(seconds(40)),
    talk('BOO AB DOOB '.repeat(4) + 'AB'),
  );

  async function interruptAndResume(settings: WindowSettings, cutSample: number, reference: TranscribedWord[]) {
    const model = idModel({ windowDependent: true });
    const first = new StreamingTranscriber(model, settings);
    const saved: TranscribedWord[] = [];
    let committedSeconds = 0;
    for (let at = 0; at < cutSample; at += 4_000) {
      const update = await first.push(samples.subarray(at, Math.min(cutSample, at + 4_000)));
      saved.push(...update.words);
      committedSeconds = update.committedSeconds;
    }
    // As runJob asks: a word being spelled may have begun right after the last saved word.
    const plan = planResume(settings, { committedSeconds, pendingStartSeconds: saved.at(-1)?.end ?? 0, lastWords: saved.slice(-50) }, RATE);
    expect(plan.startSample).toBeLessThanOrEqual(cutSample);
    const kept = saved.filter((w) => w.start < (plan.fromFrame * HOP) / RATE);
    const second = new StreamingTranscriber(model, settings);
    second.resumeAt(plan);
    const { words } = await run(second, samples.subarray(plan.startSample));
    expect([...kept, ...words], `cut at ${(cutSample / RATE).toFixed(2)} s, resumed at ${plan.startSample / RATE} s`).toEqual(reference);
  }

  it.each([
    [20, 2],
    [4, 0.5],
    [8, 1],
  ])('a %s s window, %s s stride: saved words + resumed words = one unbroken run, cut anywhere', async (win, stride) => {
    const settings = windowSettings(geometry, win, stride);
    const unbroken = new StreamingTranscriber(idModel({ windowDependent: true }), settings);
    const reference = (await run(unbroken, samples, 4_000)).words;
    expect(unbroken.skippedSeconds).toBeGreaterThan(30);
    for (let cut = 4_000; cut < samples.length; cut += 4_000 * 7) await interruptAndResume(settings, cut, reference);
  });
});
