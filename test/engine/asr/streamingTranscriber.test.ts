import { describe, expect, it } from 'vitest';
import { framesForSamples } from '../../../src/engine/asr/frameGeometry.ts';
import { StreamingTranscriber, type WindowModel } from '../../../src/engine/asr/streamingTranscriber.ts';
import { windowSettings } from '../../../src/engine/asr/windowSettings.ts';
import type { TranscribedWord } from '../../../src/shared/transcript.ts';
import { logProbsOfIds } from '../../support/logProbs.ts';
import { encodeIds, idModel } from '../../support/idModel.ts';
import { geometry } from '../../support/toyCtc.ts';


describe('streaming transcriber', () => {
  const text = 'BAD DOOB AB ' .repeat(40).trim() + ' BOO';
  const samples = encodeIds(text);

  it.each([
    [4, 0.5, 1000],
    [4, 1.9, 4096],
    [5, 0.02, 99_999],
    [9.99, 3, 333],
    [30, 2, samples.length],
  ])('gives the same words for a %s s window, %s s stride, %s-sample pieces', async (win, stride, piece) => {
    const model = idModel();
    const oneShot = new StreamingTranscriber(model, windowSettings(geometry, 600, 1));
    const reference = [...(await oneShot.push(samples)).words, ...(await oneShot.finish()).words];
    expect(reference.map((w) => w.text).join(' ')).toBe(text);

    const transcriber = new StreamingTranscriber(model, windowSettings(geometry, win, stride));
    const words: TranscribedWord[] = [];
    for (let at = 0; at < samples.length; at += piece) words.push(...(await transcriber.push(samples.subarray(at, at + piece))).words);
    const last = await transcriber.finish();
    expect([...words, ...last.words]).toEqual(reference);
    expect(last.committedSeconds).toBeCloseTo(Math.floor((samples.length - 400) / 320 + 1) * 0.02, 6);
    expect(last.pending).toBeNull();
  });

  it.each([false, true])('runs the last window at its own length unless the model needs one shape (fixed shape: %s)', async (fixedShape) => {
    const settings = windowSettings(geometry, 4, 1);
    const inner = idModel({ windowDependent: true });
    const runs: Array<{ length: number; valid: number }> = [];
    const model: WindowModel = {
      ...inner,
      fixedShape,
      logProbs: (window, valid, from, to) => {
        runs.push({ length: window.length, valid });
        return inner.logProbs(window, valid, from, to);
      },
    };
    const transcriber = new StreamingTranscriber(model, settings);
    const words = [...(await transcriber.push(samples)).words, ...(await transcriber.finish()).words];
    expect(words.map((w) => w.text).join(' ')).toBe(text);
    const last = runs.at(-1)!;
    // The stream's tail after the last full window's step: what the last window holds.
    const tail = ((samples.length - settings.windowSamples) % settings.stepSamples) + settings.windowSamples - settings.stepSamples;
    expect(last.valid).toBe(tail);
    expect(last.length).toBe(fixedShape ? settings.windowSamples : tail);
    expect(runs.slice(0, -1).every((r) => r.length === settings.windowSamples && r.valid === r.length)).toBe(true);
  });

  it('gives the frames of a short last window exactly as of a padded one', async () => {
    const settings = windowSettings(geometry, 4, 1);
    const decode = async (fixedShape: boolean) => {
      const transcriber = new StreamingTranscriber({ ...idModel({ windowDependent: true }), fixedShape }, settings);
      return [...(await transcriber.push(samples)).words, ...(await transcriber.finish()).words];
    };
    expect(await decode(false)).toEqual(await decode(true));
  });

  it('checks the frame count of a short last window against its own length', async () => {
    const inner = idModel();
    // Frames as if the window had been padded to full size, whatever was run.
    const padder: WindowModel = {
      ...inner,
      logProbs: async (window, valid, from, to) => ({ ...(await inner.logProbs(window, valid, from, to)), windowFrames: framesForSamples(geometry, 64_000) }),
    };
    const transcriber = new StreamingTranscriber(padder, windowSettings(geometry, 4, 1));
    // Windows of 64 000 samples stepping 32 000: the last holds the 53 000 after sample 64 000.
    await transcriber.push(samples.subarray(0, 117_000));
    await expect(transcriber.finish()).rejects.toThrow(/frames for a 53000-sample window/);
  });

  it('rejects a model whose frame count disagrees with its config', async () => {
    const liar: WindowModel = { ...idModel(), logProbs: async () => ({ ...logProbsOfIds([0, 0, 0], 9), windowFrames: 3 }) };
    const transcriber = new StreamingTranscriber(liar, windowSettings(geometry, 4, 1));
    await expect(transcriber.push(new Float32Array(64_000).fill(0.5))).rejects.toThrow(/frames/);
  });
});

describe('live preview', () => {
  it('shows the words past the committed edge without committing them', async () => {
    const text = 'BAD DOOB AB BOO DAB';
    const samples = encodeIds(text);
    const transcriber = new StreamingTranscriber(idModel(), windowSettings(geometry, 4, 1));
    const committed: TranscribedWord[] = [];
    let lastPreview: TranscribedWord[] = [];
    for (let at = 0; at < samples.length; at += 3_200) {
      committed.push(...(await transcriber.push(samples.subarray(at, at + 3_200))).words);
      lastPreview = await transcriber.preview();
      const shown = [...committed, ...lastPreview].map((w) => w.text).join(' ');
      expect(text.startsWith(shown.replace(/ \S*$/, '')), shown).toBe(true);
    }
    const final = [...committed, ...(await transcriber.finish()).words];
    expect(final.map((w) => w.text).join(' ')).toBe(text);
    expect([...committed, ...lastPreview]).toEqual(final);
  });
});
