import { describe, expect, it } from 'vitest';
import { jobProgress } from '../../src/jobs/jobProgress.ts';
import { formatDuration } from '../../src/shared/formatDuration.ts';
import { captionCues, plainText, toJson, toSrt, toWebVtt } from '../../src/features/transcript/transcriptExport.ts';
import { chooseBackend, wasmThreads } from '../../src/engine/worker/chooseBackend.ts';
import { describeModelLoadError, describeTranscriptionError } from '../../src/jobs/describeError.ts';
import { DEFAULT_MODEL, resolveModelSource } from '../../src/shared/modelSource.ts';
import { settingsFromUrl } from '../../src/features/model/urlSettings.ts';

const words = [
  { text: 'HELLO', start: 0.2, end: 0.7, confidence: 0.9 },
  { text: 'WORLD', start: 0.8, end: 1.25, confidence: 0.5 },
  { text: 'AGAIN', start: 7.5, end: 8.0, confidence: 1 },
];

describe('job progress', () => {
  it('derives fraction, time left and real-time factor', () => {
    expect(jobProgress(30, 120, 3)).toEqual({ fraction: 0.25, elapsedSeconds: 3, remainingSeconds: 9, realTimeFactor: 0.1 });
    expect(jobProgress(0, null, 1)).toEqual({ fraction: null, elapsedSeconds: 1, remainingSeconds: null, realTimeFactor: null });
    expect(jobProgress(10, null, 1).remainingSeconds).toBeNull();
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(125.4)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});

describe('transcript export', () => {
  it('joins plain text', () => expect(plainText(words)).toBe('HELLO WORLD AGAIN'));

  it('splits caption cues by length', () => {
    expect(captionCues(words)).toEqual([
      { text: 'HELLO WORLD', start: 0.2, end: 1.25 },
      { text: 'AGAIN', start: 7.5, end: 8.0 },
    ]);
  });

  it('writes SRT and WebVTT timestamps', () => {
    expect(toSrt(words)).toBe('1\n00:00:00,200 --> 00:00:01,250\nHELLO WORLD\n\n2\n00:00:07,500 --> 00:00:08,000\nAGAIN\n');
    expect(toWebVtt(words)).toBe('WEBVTT\n\n00:00:00.200 --> 00:00:01.250\nHELLO WORLD\n\n00:00:07.500 --> 00:00:08.000\nAGAIN\n');
  });

  it('writes JSON with word timings', () => {
    expect(JSON.parse(toJson(words))).toEqual({ text: 'HELLO WORLD AGAIN', words });
  });
});

describe('model source', () => {
  const page = 'http://127.0.0.1:4173/app/?model=x';
  it('tells Hub ids from URLs', () => {
    expect(resolveModelSource('Xenova/wav2vec2-base-960h', page)).toEqual({ kind: 'hub', id: 'Xenova/wav2vec2-base-960h' });
    expect(resolveModelSource('/models/tone-ctc/', page)).toEqual({
      kind: 'url',
      baseUrl: 'http://127.0.0.1:4173/models/',
      name: 'tone-ctc',
      href: 'http://127.0.0.1:4173/models/tone-ctc',
    });
    expect(resolveModelSource('https://cdn.example/m/w2v', page)).toMatchObject({ baseUrl: 'https://cdn.example/m/', name: 'w2v' });
    expect(resolveModelSource('./local/model', page)).toMatchObject({ baseUrl: 'http://127.0.0.1:4173/app/local/', name: 'model' });
  });

  it('rejects what names no model', () => {
    expect(() => resolveModelSource('  ', page)).toThrow(/Enter a model/);
    expect(() => resolveModelSource('https://cdn.example/', page)).toThrow(/does not name a model folder/);
  });
});

describe('URL settings', () => {
  it('defaults to the Hub checkpoint and automatic backend', () => {
    expect(settingsFromUrl('')).toMatchObject({ model: DEFAULT_MODEL, device: 'auto', windowSeconds: 20, strideSeconds: 2 });
  });

  it('reads model, device, dtype, window and stride', () => {
    expect(settingsFromUrl('?model=/models/tone-ctc&device=wasm&dtype=fp32&window=10&stride=1.5')).toEqual({
      model: '/models/tone-ctc',
      device: 'wasm',
      dtype: 'fp32',
      windowSeconds: 10,
      strideSeconds: 1.5,
    });
    expect(settingsFromUrl('?device=quantum&window=-3')).toMatchObject({ device: 'auto', windowSeconds: 20 });
  });
});

describe('backend choice', () => {
  it('explains why it runs where it runs', async () => {
    expect(await chooseBackend('auto', undefined)).toEqual({ device: 'wasm', reason: 'WASM: this browser has no WebGPU' });
    expect(await chooseBackend('auto', { requestAdapter: async () => null })).toEqual({ device: 'wasm', reason: 'WASM: WebGPU has no adapter' });
    expect(await chooseBackend('auto', { requestAdapter: async () => ({}) })).toEqual({ device: 'webgpu', reason: 'WebGPU: adapter available' });
    expect(await chooseBackend('wasm', { requestAdapter: async () => ({}) })).toMatchObject({ device: 'wasm' });
    expect((await chooseBackend('auto', { requestAdapter: async () => Promise.reject(new Error('lost')) })).reason).toMatch(/failed/);
  });

  it('uses threads only when cross-origin isolated', () => {
    expect(wasmThreads(false, 8)).toEqual({ threads: 1, why: '1 thread: the page is not cross-origin isolated' });
    expect(wasmThreads(true, 2)).toEqual({ threads: 2, why: '2 threads' });
    expect(wasmThreads(true, 16).threads).toBe(4);
  });
});

describe('error messages', () => {
  it('names the model and what to do', () => {
    expect(describeModelLoadError('a/b', new Error('Failed to fetch'), true)).toMatch(/"a\/b".*network.*cached/);
    expect(describeModelLoadError('a/b', new Error('boom'), false)).toMatch(/network is unreachable.*needs one online visit.*MODELS_DIR/);
    expect(describeModelLoadError('/models/x', new Error('Could not locate file: "/models/x/config.json"'), true)).toMatch(/not found/);
    expect(describeModelLoadError('a/b', new RangeError('Array buffer allocation failed'), true)).toMatch(/out of memory/);
    expect(describeModelLoadError('a/b', new Error('weird'), true)).toBe('Could not load the model "a/b": weird');
  });

  it('keeps the text when a transcription fails', () => {
    expect(describeTranscriptionError('talk.mp3', new Error('bad'))).toBe('Transcribing "talk.mp3" failed: bad. The text so far is kept.');
  });
});
