import type { JobSource, OpenedAudio } from '../../jobs/jobSource.ts';
import type { ChunkPool } from '../../shared/audio/chunkPool.ts';
import type { AudioStream } from './decode/audioStream.ts';
import { ReadAhead } from './readAhead.ts';

export type OpenAudioFile = (file: File) => Promise<AudioStream>;

/**
 * A dropped file as a job's audio: decoded in the page as the engine asks for it, at most
 * `readAheadSamples` ahead of the model, so decoding and inference overlap but memory stays one
 * window's worth whatever the file's length.
 */
export class FileSource implements JobSource {
  readonly kind = 'file';
  /** The current read-ahead, for the memory panel. */
  readAhead: ReadAhead<Float32Array> | null = null;
  private audio: AudioStream | null = null;

  constructor(
    readonly file: File,
    private readonly readAheadSamples: number,
    private readonly openFile: OpenAudioFile,
    /** Where chunks are decoded into, shared by the files of a page so every file reuses the same buffers. */
    private readonly pool: ChunkPool,
  ) {}

  get name(): string {
    return this.file.name;
  }

  runningMessage(percent: number | null): string {
    return `Transcribing "${this.file.name}"…${percent === null ? '' : ` ${percent} %`}`;
  }

  async open(): Promise<OpenedAudio> {
    this.audio = await this.openFile(this.file);
    return { durationSeconds: this.audio.durationSeconds, warning: this.audio.warning };
  }

  feed(signal: AbortSignal, fromSeconds?: number): AsyncIterable<Float32Array> {
    if (this.audio === null) throw new Error('The file was not opened.');
    this.readAhead = new ReadAhead(this.audio.chunks(signal, fromSeconds, this.pool), this.readAheadSamples, (chunk) => chunk.length);
    return this.readAhead;
  }

  recycle(chunk: Float32Array): void {
    this.pool.give(chunk);
  }

  /** The stream releases its decoders itself, when read to the end or aborted. */
  async close(): Promise<null> {
    this.audio = null;
    return null;
  }
}
