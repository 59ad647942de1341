/**
 * Mends the sizes in a RIFF WAVE header, which mediabunny takes as they are (it clamps them to the
 * file, never extends them). A writer that streams (a recorder, a pipe) cannot go back to fill
 * them in, and leaves 0 or 0xFFFFFFFF: then every sample after the header is the audio, as FFmpeg
 * reads it. A data size larger than the file is real, and says the file was cut off.
 */

/** A 32-bit little-endian value to write over the header at `offset`. */
export interface HeaderPatch {
  offset: number;
  value: number;
}

export interface WavHeaderReading {
  /** Where the samples start. */
  dataStart: number;
  /** Sizes to write over the header for the demuxer to see every sample the file holds. */
  patches: HeaderPatch[];
  /** The header promises more samples than the file holds. */
  cutOff: boolean;
}

const UNKNOWN_SIZE = 0xffffffff;

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
const u32 = (bytes: Uint8Array, at: number) =>
  (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;

/**
 * Reads the header at the start of a RIFF WAVE file of `fileSize` bytes from its first bytes
 * (`head`). Null when the head is no RIFF WAVE (RF64 and RIFX included: their sizes live elsewhere)
 * or holds no data chunk.
 */
export function readWavHeader(head: Uint8Array, fileSize: number): WavHeaderReading | null {
  if (head.length < 12 || ascii(head, 0) !== 'RIFF' || ascii(head, 8) !== 'WAVE') return null;
  let at = 12;
  while (at + 8 <= head.length) {
    const size = u32(head, at + 4);
    if (ascii(head, at) === 'data') return readDataChunk(head, fileSize, at, size);
    at += 8 + size + (size & 1);
  }
  return null;
}

function readDataChunk(head: Uint8Array, fileSize: number, chunkStart: number, declared: number): WavHeaderReading {
  const dataStart = chunkStart + 8;
  const available = Math.max(0, fileSize - dataStart);
  const patches: HeaderPatch[] = [];
  const unknown = declared === 0 || declared === UNKNOWN_SIZE;
  const dataBytes = unknown ? Math.min(available, UNKNOWN_SIZE - 1) : Math.min(declared, available);
  if (unknown && dataBytes > 0) patches.push({ offset: chunkStart + 4, value: dataBytes });
  // The demuxer stops at the end of the RIFF chunk: it must reach the end of the samples.
  if (u32(head, 4) + 8 < dataStart + dataBytes) patches.push({ offset: 4, value: Math.min(fileSize - 8, UNKNOWN_SIZE - 1) });
  return { dataStart, patches, cutOff: !unknown && declared > available };
}

/** `head` with the patches written in. */
export function patchedHeader(head: Uint8Array, patches: readonly HeaderPatch[]): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(head);
  const view = new DataView(copy.buffer);
  for (const { offset, value } of patches) view.setUint32(offset, value, true);
  return copy;
}
