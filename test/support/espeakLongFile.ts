import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_RATE } from '../../src/shared/audioFormat.ts';
import { readWav16kMono } from './sharedFixtures.ts';
import type { TimedSentence } from './speechFixtures.ts';

export interface SynthesisOptions {
  readonly voice: string;
  readonly wordsPerMinute: number;
  /** Silence after sentence `i` (seconds). */
  readonly pauseAfter: (i: number) => number;
}

export interface SynthesizedSpeech {
  /** 16 kHz mono 16-bit WAV. */
  readonly file: string;
  readonly text: string;
  readonly seconds: number;
  readonly sentences: readonly TimedSentence[];
}

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A long recording of `sentences` read by espeak-ng, one after the other with the given pauses,
 * built in `dir` as `<name>.wav`: each sentence is synthesised alone and resampled to 16 kHz by
 * sox, so its start and end (espeak-ng's own clip, lead-in and tail included) are known exactly.
 * No dither (sox's is random): the model's words change with noise that small, and the file must
 * be the same on every run.
 */
export function synthesizeLongFile(sentences: readonly string[], options: SynthesisOptions, dir: string, name: string): SynthesizedSpeech {
  const parts = path.join(dir, `${name}-parts`);
  mkdirSync(parts, { recursive: true });
  const timed: TimedSentence[] = [];
  const files: string[] = [];
  let at = 0;
  sentences.forEach((text, i) => {
    const raw = path.join(parts, `${i}.raw.wav`);
    const part = path.join(parts, `${i}.wav`);
    run('espeak-ng', ['-v', options.voice, '-s', String(options.wordsPerMinute), '-w', raw, text]);
    run('sox', ['-D', raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', part]);
    const samples = readWav16kMono(part).length;
    const pause = i < sentences.length - 1 ? Math.round(options.pauseAfter(i) * SAMPLE_RATE) : 0;
    const padded = path.join(parts, `${i}.padded.wav`);
    run('sox', [part, padded, 'pad', '0', `${pause}s`]);
    timed.push({ text, start: at / SAMPLE_RATE, end: (at + samples) / SAMPLE_RATE });
    files.push(padded);
    at += samples + pause;
  });
  const file = path.join(dir, `${name}.wav`);
  run('sox', [...files, file]);
  return { file, text: sentences.join(' '), seconds: at / SAMPLE_RATE, sentences: timed };
}
