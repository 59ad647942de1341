// The benchmark's audio, made on the fly with ffmpeg into bench/out/audio (never committed): cuts
// of ../shared/audio/tones/long/ten-minutes.opus, and that file repeated for an hour.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { wordErrorRate } from '../src/features/transcript/wordErrorRate.ts';
import { longManifest, repeatedLongFile } from '../test/support/sharedFixtures.ts';
import { OUT, SHARED } from '../test/support/servers.ts';

const TEN_MINUTES = path.join(SHARED, 'audio/tones/long/ten-minutes.opus');
const TEN_MINUTE_TEXT = longManifest().text;
const AUDIO = path.join(OUT, 'audio');

export interface Clip {
  readonly label: string;
  readonly file: string;
  readonly seconds: number;
  /** The exact tone-ctc transcript, when the clip holds whole sentences; null for a cut. */
  readonly text: string | null;
}

function durationSeconds(file: string): number {
  return Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' }));
}

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The first `minutes` of the ten-minute file (Opus packets copied, no re-encoding); 10 is the file itself. */
export function toneClip(minutes: number): Clip {
  if (minutes === 10) return { label: '10 min', file: TEN_MINUTES, seconds: durationSeconds(TEN_MINUTES), text: TEN_MINUTE_TEXT };
  if (minutes % 10 === 0) {
    const repeats = minutes / 10;
    const file = repeatedLongFile(repeats, AUDIO);
    return { label: `${minutes} min`, file, seconds: durationSeconds(file), text: Array(repeats).fill(TEN_MINUTE_TEXT).join(' ') };
  }
  mkdirSync(AUDIO, { recursive: true });
  const file = path.join(AUDIO, `tones-${minutes}min.opus`);
  if (!existsSync(file)) ffmpeg(['-i', TEN_MINUTES, '-t', String(minutes * 60), '-c', 'copy', file]);
  return { label: `${minutes} min`, file, seconds: durationSeconds(file), text: null };
}

const percent = (wer: number) => `WER ${(wer * 100).toFixed(1)} %`;

/** How a transcript compares with the clip's text: exact, exact up to where a cut clip ends, or its WER. */
export function judgeTranscript(clip: Clip, transcript: string): string {
  if (clip.text !== null) return transcript === clip.text ? 'exact' : `not exact: ${percent(wordErrorRate(clip.text, transcript))}`;
  const complete = transcript.replace(/ \S+$/, '');
  if (transcript.length > 0 && TEN_MINUTE_TEXT.startsWith(complete)) return 'exact (to the cut)';
  const reference = TEN_MINUTE_TEXT.split(' ').slice(0, transcript.split(' ').length).join(' ');
  return `not exact: ${percent(wordErrorRate(reference, transcript))}`;
}
