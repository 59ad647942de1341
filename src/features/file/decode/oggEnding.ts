/**
 * How an Ogg file ends. Encoders close a stream with a whole page that carries the end-of-stream
 * flag, so a file without it was cut off (an interrupted recording or download), even when the
 * pages before the cut decode fine. A cut inside a page also matters to the demuxer: mediabunny
 * fails on the partial page, and its read-ahead drops with it every packet it had queued (as much
 * as it read in the last second, which for a fast reader is a long stretch of audio), so the file
 * is demuxed only up to its last whole page.
 */

const MAX_PAGE_BYTES = 27 + 255 + 255 * 255;

/** Holds the start of the last whole page even behind a partial page of the largest size. */
export const OGG_TAIL_BYTES = 2 * MAX_PAGE_BYTES;

const HEADER_BYTES = 27;
const END_OF_STREAM = 0x04;
const CRC_OFFSET = 22;

export interface OggEnding {
  /** Bytes from the start of the file to the end of its last whole page. */
  wholePagesBytes: number;
  /** That page carries the end-of-stream flag. */
  endOfStream: boolean;
}

/** Ogg's CRC-32: polynomial 0x04c11db7, unreflected, no initial or final inversion. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Whether the page at `bytes[start, end)` carries the checksum of its contents (the checksum field counting as 0). */
function checksumMatches(bytes: Uint8Array, start: number, end: number): boolean {
  let crc = 0;
  for (let i = start; i < end; i++) {
    const byte = i - start >= CRC_OFFSET && i - start < CRC_OFFSET + 4 ? 0 : bytes[i];
    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
  }
  const stored = (bytes[start + CRC_OFFSET] | (bytes[start + CRC_OFFSET + 1] << 8) | (bytes[start + CRC_OFFSET + 2] << 16) | (bytes[start + CRC_OFFSET + 3] << 24)) >>> 0;
  return crc === stored;
}

/**
 * Finds the last whole page in the file's last bytes (`tail`, which starts `tailStart` bytes into
 * the file). A page counts when its checksum holds, so a capture pattern that happens to occur in
 * packet data, or a damaged page, is passed over. Null when the tail holds no whole page.
 */
export function readOggEnding(tail: Uint8Array, tailStart: number): OggEnding | null {
  for (let at = tail.length - HEADER_BYTES; at >= 0; at--) {
    if (tail[at] !== 0x4f || tail[at + 1] !== 0x67 || tail[at + 2] !== 0x67 || tail[at + 3] !== 0x53) continue; // "OggS"
    if (tail[at + 4] !== 0) continue; // stream structure version
    const segments = tail[at + 26];
    let end = at + HEADER_BYTES + segments;
    if (end > tail.length) continue;
    for (let i = 0; i < segments; i++) end += tail[at + HEADER_BYTES + i];
    if (end > tail.length || !checksumMatches(tail, at, end)) continue;
    return { wholePagesBytes: tailStart + end, endOfStream: (tail[at + 5] & END_OF_STREAM) !== 0 };
  }
  return null;
}
