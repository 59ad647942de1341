// Normalisation schemes for a chunked run, measured against what the app does (each window
// normalised on its own). The model is loaded with do_normalize off, through a folder that links
// to the real one, so that the scheme alone decides what the model sees.
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CtcVocabulary } from '../src/engine/asr/ctcVocabulary.ts';
import type { FrameGeometry } from '../src/engine/asr/frameGeometry.ts';
import type { WindowLogProbs, WindowModel } from '../src/engine/asr/streamingTranscriber.ts';
import type { WindowSettings } from '../src/engine/asr/windowSettings.ts';
import { normalizeInPlace } from '../src/engine/asr/normalizeAudio.ts';
import { CtcModel } from '../src/engine/worker/ctcModel.ts';
import { SAMPLE_RATE } from '../src/shared/audioFormat.ts';

export const SCHEMES = ['per window', 'running', 'first window', 'first 5 s', 'running, 60 s memory', 'whole file (oracle)'] as const;
export type Scheme = (typeof SCHEMES)[number];

/** The model in `modelsDir/name`, loaded so that it takes its input as given (its linked copy is made in `dir`). */
export async function loadUnnormalised(modelsDir: string, name: string, dir: string): Promise<CtcModel> {
  const source = path.join(modelsDir, name);
  const root = path.join(dir, 'unnormalised');
  mkdirSync(root);
  const folder = path.join(root, name);
  mkdirSync(folder);
  for (const entry of readdirSync(source)) if (entry !== 'preprocessor_config.json') symlinkSync(path.join(source, entry), path.join(folder, entry));
  const preprocessor = JSON.parse(readFileSync(path.join(source, 'preprocessor_config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(folder, 'preprocessor_config.json'), JSON.stringify({ ...preprocessor, do_normalize: false }));
  const model = await CtcModel.load({ name, localModelPath: `${root}/` }, { device: 'cpu', dtype: 'fp32' });
  if (model.info.normalizes) throw new Error('the model still normalises its input');
  return model;
}

class Moments {
  sum = 0;
  squares = 0;
  count = 0;
  add(samples: Float32Array, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.sum += samples[i];
      this.squares += samples[i] * samples[i];
    }
    this.count += to - from;
  }
  get mean(): number {
    return this.sum / this.count;
  }
  get scale(): number {
    return 1 / Math.sqrt(Math.max(0, this.squares / this.count - this.mean ** 2) + 1e-7);
  }
}

/**
 * A WindowModel that normalises each window by `scheme` before the model sees it. It follows the
 * stream's position from the window settings (windows start `stepSamples` apart), so it sees
 * every sample once as it arrives, as the engine would.
 */
export class NormalisingModel implements WindowModel {
  readonly geometry: FrameGeometry;
  readonly vocabulary: CtcVocabulary;
  private readonly buffer: Float32Array;
  private windows = 0;
  private seen = 0;
  private readonly running = new Moments();
  private fixed: { mean: number; scale: number } | null = null;
  private emaMean = 0;
  private emaSquare = 0;

  constructor(
    private readonly model: CtcModel,
    private readonly settings: WindowSettings,
    private readonly scheme: Scheme,
    /** The whole recording, read only by the oracle. */
    whole: Float32Array,
  ) {
    this.geometry = model.geometry;
    this.vocabulary = model.vocabulary;
    this.buffer = new Float32Array(settings.windowSamples);
    if (scheme === 'whole file (oracle)') {
      const all = new Moments();
      all.add(whole, 0, whole.length);
      this.fixed = { mean: all.mean, scale: all.scale };
    }
  }

  async logProbs(window: Float32Array, validSamples: number, fromFrame: number, toFrame: number): Promise<WindowLogProbs> {
    const start = this.windows++ * this.settings.stepSamples;
    const newFrom = Math.max(0, this.seen - start);
    this.buffer.set(window.subarray(0, validSamples));
    if (this.scheme === 'per window') {
      normalizeInPlace(this.buffer, validSamples); // the app's own code, so this row must equal the app's run
    } else {
      const { mean, scale } = this.statistics(this.scheme, window, validSamples, newFrom);
      for (let i = 0; i < validSamples; i++) this.buffer[i] = (window[i] - mean) * scale;
      this.buffer.fill(0, validSamples);
    }
    this.seen = Math.max(this.seen, start + validSamples);
    return this.model.logProbs(this.buffer, validSamples, fromFrame, toFrame);
  }

  private statistics(scheme: Exclude<Scheme, 'per window'>, window: Float32Array, validSamples: number, newFrom: number): { mean: number; scale: number } {
    switch (scheme) {
      case 'running':
        this.running.add(window, newFrom, validSamples);
        return { mean: this.running.mean, scale: this.running.scale };
      case 'running, 60 s memory': {
        const rate = 1 / (60 * SAMPLE_RATE);
        if (this.seen === 0) {
          const m = new Moments();
          m.add(window, 0, validSamples);
          this.emaMean = m.mean;
          this.emaSquare = m.squares / m.count;
        } else {
          for (let i = newFrom; i < validSamples; i++) {
            this.emaMean += rate * (window[i] - this.emaMean);
            this.emaSquare += rate * (window[i] * window[i] - this.emaSquare);
          }
        }
        return { mean: this.emaMean, scale: 1 / Math.sqrt(Math.max(0, this.emaSquare - this.emaMean ** 2) + 1e-7) };
      }
      case 'first window':
      case 'first 5 s': {
        if (this.fixed === null) {
          const m = new Moments();
          m.add(window, 0, scheme === 'first 5 s' ? Math.min(validSamples, 5 * SAMPLE_RATE) : validSamples);
          this.fixed = { mean: m.mean, scale: m.scale };
        }
        return this.fixed;
      }
      case 'whole file (oracle)':
        return this.fixed!;
    }
  }
}
