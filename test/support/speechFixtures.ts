import path from 'node:path';
import { readFileSync } from 'node:fs';
import { ffmpegPcmChunks, SHARED } from './sharedFixtures.ts';

// The espeak-ng speech fixtures (for models/espeak-ctc): their paths and manifests are read here only.
export const SPEECH = path.join(SHARED, 'audio/speech');

/** A sentence of a long recording and where it is, in seconds from the start. */
export interface TimedSentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface LongSpeech {
  readonly file: string;
  readonly text: string;
  readonly seconds: number;
  readonly voice: string;
  readonly sentences: readonly TimedSentence[];
}

/** `speech/long/`: ten minutes of unseen sentences in one voice; `file` is an absolute path. */
export function speechLongManifest(): LongSpeech {
  const manifest = JSON.parse(readFileSync(path.join(SPEECH, 'long/manifest.json'), 'utf8')) as LongSpeech;
  return { ...manifest, file: path.join(SPEECH, 'long', manifest.file) };
}

/** `speech/sentences/`: 24 clips in several voices; `file` is an absolute path. */
export function speechSentenceManifest(): Array<{ file: string; text: string; voice: string }> {
  const clips = JSON.parse(readFileSync(path.join(SPEECH, 'sentences/manifest.json'), 'utf8')) as Array<{ file: string; text: string; voice: string }>;
  return clips.map((clip) => ({ ...clip, file: path.join(SPEECH, 'sentences', clip.file) }));
}

/** Any file ffmpeg reads, whole, as 16 kHz mono float32. */
export async function readAudio16kMono(file: string): Promise<Float32Array> {
  const pieces: Float32Array[] = [];
  for await (const piece of ffmpegPcmChunks(file)) pieces.push(piece);
  const samples = new Float32Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  pieces.reduce((offset, piece) => (samples.set(piece, offset), offset + piece.length), 0);
  return samples;
}
