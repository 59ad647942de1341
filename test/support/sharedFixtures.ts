import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The shared, read-only test data beside the repo, for the Node tests, the browser tests and the
// benchmarks alike: its paths and manifests are read here only.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const MODELS_DIR = path.join(SHARED, 'models');
export const TONES = path.join(SHARED, 'audio/tones');

export interface ManifestEntry {
  file: string;
  text: string;
}

function readManifest<T>(folder: string): T {
  return JSON.parse(readFileSync(path.join(TONES, folder, 'manifest.json'), 'utf8')) as T;
}

/** `tones/sentences/`: 14 clips, each with its text. */
export function sentenceManifest(): ManifestEntry[] {
  return readManifest('sentences');
}

/** `tones/long/`: the ten-minute file and its text. */
export function longManifest(): ManifestEntry {
  return readManifest('long');
}

/**
 * The ten-minute file repeated `repeats` times, made once into `dir` by ffmpeg copying the Opus
 * packets (no re-encoding); its text is the ten-minute text repeated, joined by a space.
 */
export function repeatedLongFile(repeats: number, dir: string): string {
  const file = path.join(dir, `tones-${repeats * 10}min.opus`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const list = path.join(dir, `repeat-${repeats}.txt`);
  const tenMinutes = path.join(TONES, 'long', longManifest().file);
  writeFileSync(list, `file '${tenMinutes}'\n`.repeat(repeats));
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', file], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return file;
}

/** `tones/formats/`: one paragraph in many containers and codecs. */
export function formatsManifest(): { text: string; files: string[] } {
  return readManifest('formats');
}

/** Reads a 16-bit PCM mono 16 kHz WAV, the layout of the sentence fixtures. */
export function readWav16kMono(file: string): Float32Array {
  const bytes = readFileSync(file);
  if (bytes.toString('ascii', 0, 4) !== 'RIFF') throw new Error(`${file} is not a WAV file`);
  let offset = 12;
  let format: { channels: number; rate: number; bits: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = { channels: bytes.readUInt16LE(body + 2), rate: bytes.readUInt32LE(body + 4), bits: bytes.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!format || format.channels !== 1 || format.rate !== 16_000 || format.bits !== 16) {
        throw new Error(`${file}: expected 16-bit mono 16 kHz PCM, got ${JSON.stringify(format)}`);
      }
      const samples = new Float32Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(body + i * 2) / 32768;
      return samples;
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

/** Streams any file ffmpeg can read as 16 kHz mono float32 pieces, without holding it whole. */
export async function* ffmpegPcmChunks(file: string): AsyncGenerator<Float32Array> {
  const ffmpeg = spawn('ffmpeg', ['-v', 'error', '-i', file, '-f', 'f32le', '-ac', '1', '-ar', '16000', '-'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => ffmpeg.on('close', resolve));
  let carry: Buffer = Buffer.alloc(0);
  for await (const piece of ffmpeg.stdout as AsyncIterable<Buffer>) {
    const bytes: Buffer = carry.length > 0 ? Buffer.concat([carry, piece]) : piece;
    const whole = bytes.length - (bytes.length % 4);
    carry = bytes.subarray(whole);
    const copy = new Uint8Array(bytes.subarray(0, whole));
    yield new Float32Array(copy.buffer);
  }
  const code = await exited;
  if (code !== 0) throw new Error(`ffmpeg exited with ${code} on ${file}`);
}

/** The ten-minute tone file decoded whole (16 kHz mono), for tests that need it all at once. */
export async function longToneSamples(): Promise<Float32Array> {
  const pieces: Float32Array[] = [];
  for await (const piece of ffmpegPcmChunks(path.join(TONES, 'long', longManifest().file))) pieces.push(piece);
  const samples = new Float32Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  pieces.reduce((offset, piece) => (samples.set(piece, offset), offset + piece.length), 0);
  return samples;
}
