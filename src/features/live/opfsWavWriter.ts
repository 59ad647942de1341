import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import { wavHeader } from './wavHeader.ts';

/** The folder of the origin-private file system that holds the kept recording. */
const DIRECTORY = 'recordings';
/** Samples gathered before one write: about a second, so storage sees ~1 write/s, not 25. */
const PIECE_SAMPLES = SAMPLE_RATE;

/**
 * Streams a 16 kHz mono 16-bit WAV to the origin-private file system piece by piece, so an hour
 * of recording never sits in memory: the header is written for zero bytes first and rewritten
 * with the real size by finish(). Only the latest recording is kept.
 */
export class OpfsWavWriter {
  private pieces: Int16Array[] = [];
  private pieceSamples = 0;
  private dataBytes = 0;
  private writes: Promise<void> = Promise.resolve();
  private failure: { readonly error: unknown } | null = null;

  private constructor(
    private readonly handle: FileSystemFileHandle,
    private readonly writable: FileSystemWritableFileStream,
  ) {}

  /** Starts a recording file, deleting the previous recording. Rejects where there is no such storage. */
  static async create(fileName: string): Promise<OpfsWavWriter> {
    await OpfsWavWriter.deleteAll();
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle(DIRECTORY, { create: true });
    const handle = await folder.getFileHandle(fileName, { create: true });
    const writable = await handle.createWritable();
    await writable.write(wavHeader(SAMPLE_RATE, 1, 16, 0));
    return new OpfsWavWriter(handle, writable);
  }

  /** Deletes every kept recording. */
  static async deleteAll(): Promise<void> {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(DIRECTORY, { recursive: true }).catch((error: unknown) => {
      if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
    });
  }

  /** Adds samples; they reach storage in pieces, in order. A failed write is reported by finish(). */
  append(pcm: Int16Array): void {
    if (this.failure !== null || pcm.length === 0) return;
    this.pieces.push(pcm);
    this.pieceSamples += pcm.length;
    if (this.pieceSamples >= PIECE_SAMPLES) this.writePiece();
  }

  /** Writes what is left and the final header; resolves to the finished WAV file (on disk, not in memory). */
  async finish(): Promise<File> {
    this.writePiece();
    await this.writes;
    if (this.failure !== null) {
      await this.writable.abort().catch(() => {});
      throw this.failure.error;
    }
    await this.writable.write({ type: 'write', position: 0, data: wavHeader(SAMPLE_RATE, 1, 16, this.dataBytes) });
    await this.writable.close();
    return this.handle.getFile();
  }

  private writePiece(): void {
    if (this.pieceSamples === 0) return;
    const piece = new Int16Array(this.pieceSamples);
    let at = 0;
    for (const pcm of this.pieces) {
      piece.set(pcm, at);
      at += pcm.length;
    }
    this.pieces = [];
    this.pieceSamples = 0;
    this.dataBytes += piece.byteLength;
    this.writes = this.writes.then(
      () => (this.failure === null ? this.writable.write(piece) : undefined),
    ).catch((error: unknown) => {
      this.failure ??= { error };
    });
  }
}
