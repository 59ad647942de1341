/**
 * Whether an Ogg file ends the way a complete one does: with a whole page that carries the
 * end-of-stream flag. Encoders set that flag on the last page, so a file without it was cut off
 * (an interrupted recording or download), even when the pages before the cut decode fine.
 */

/** A page is at most 27 + 255 + 255 × 255 = 65,307 bytes, so the last one starts within this tail. */
export const OGG_TAIL_BYTES = 65_536;

const HEADER_BYTES = 27;
const END_OF_STREAM = 0x04;

/** Reads the last page from the file's last bytes (`tail`, up to OGG_TAIL_BYTES of them). */
export function oggEndsWithEndOfStream(tail: Uint8Array): boolean {
  // Look back for a page header whose page ends exactly at the end of the file.
  for (let at = tail.length - HEADER_BYTES; at >= 0; at--) {
    if (tail[at] !== 0x4f || tail[at + 1] !== 0x67 || tail[at + 2] !== 0x67 || tail[at + 3] !== 0x53) continue; // "OggS"
    if (tail[at + 4] !== 0) continue; // stream structure version
    const segments = tail[at + 26];
    let end = at + HEADER_BYTES + segments;
    if (end > tail.length) continue;
    for (let i = 0; i < segments; i++) end += tail[at + HEADER_BYTES + i];
    if (end === tail.length) return (tail[at + 5] & END_OF_STREAM) !== 0;
  }
  return false;
}
