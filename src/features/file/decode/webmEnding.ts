/**
 * Where a WebM/Matroska file cut inside its last cluster can still be read. mediabunny loads a
 * cluster whole, by its declared size (or, for the unknown size a recorder writes, up to the
 * end of its last block): when the cut falls inside the cluster, the slice is short and every block
 * of the cluster is dropped: a cluster's length of audio, which is all of it in a file written as
 * one cluster. Declaring the cluster as long as its whole blocks, and leaving out the partial one,
 * gives the demuxer all of them.
 */

/** Holds the start of the last cluster of any audio-only file worth streaming. */
export const WEBM_TAIL_BYTES = 4 * 2 ** 20;

const CLUSTER_ID = [0x1f, 0x43, 0xb6, 0x75];
/** A cluster's first child is its timestamp. */
const TIMESTAMP_ID = 0xe7;
const CLUSTER_CHILD_IDS = new Set([0xe7, 0xa3, 0xa0, 0xab, 0xa7, 0xec]); // Timestamp, SimpleBlock, BlockGroup, PrevSize, Position, Void

export interface WebmEnding {
  /** Where the last cluster's size field is, and how many bytes it takes. */
  sizeOffset: number;
  sizeWidth: number;
  /** Bytes from the start of the file to the end of the cluster's last whole child element. */
  wholeBytes: number;
}

/** An EBML variable-length integer at `at`: its width, its value, and whether it means "unknown". */
function readVint(bytes: Uint8Array, at: number): { width: number; value: number; unknown: boolean } | null {
  const first = bytes[at];
  if (first === undefined || first === 0) return null;
  const width = Math.clz32(first) - 23;
  if (at + width > bytes.length) return null;
  let value = first & (0xff >> width);
  let allOnes = value === 0xff >> width;
  for (let i = 1; i < width; i++) {
    value = value * 256 + bytes[at + i];
    allOnes &&= bytes[at + i] === 0xff;
  }
  return { width, value, unknown: allOnes };
}

/** An element ID keeps its length marker: its bytes read as one number. */
function readId(bytes: Uint8Array, at: number): { width: number; id: number } | null {
  const first = bytes[at];
  if (first === undefined || first < 0x10) return null;
  const width = Math.clz32(first) - 23;
  if (at + width > bytes.length) return null;
  let id = 0;
  for (let i = 0; i < width; i++) id = id * 256 + bytes[at + i];
  return { width, id };
}

/**
 * Finds the last cluster in the file's last bytes (`tail`, starting `tailStart` bytes into a file of
 * `fileSize` bytes). Null when that cluster is whole (the cut, if any, is between clusters, which
 * mediabunny reads well) or none is found.
 */
export function readWebmEnding(tail: Uint8Array, tailStart: number, fileSize: number): WebmEnding | null {
  for (let at = tail.length - CLUSTER_ID.length; at >= 0; at--) {
    if (!CLUSTER_ID.every((byte, i) => tail[at + i] === byte)) continue;
    const size = readVint(tail, at + CLUSTER_ID.length);
    if (size === null) continue;
    const dataStart = at + CLUSTER_ID.length + size.width;
    if (tail[dataStart] !== TIMESTAMP_ID) continue;
    if (!size.unknown && tailStart + dataStart + size.value <= fileSize) return null;
    const children = wholeChildren(tail, dataStart);
    if (children === null) continue;
    // A cluster of unknown size ends where an element that is no child of a cluster begins.
    if (children.followedByElement || (size.unknown && children.end === tail.length)) return null;
    return { sizeOffset: tailStart + at + CLUSTER_ID.length, sizeWidth: size.width, wholeBytes: tailStart + children.end };
  }
  return null;
}

/**
 * Walks the child elements from `start` to the end of `bytes`: where the last whole one ends, and
 * whether an element other than a cluster's child follows. Null if there are no children.
 */
function wholeChildren(bytes: Uint8Array, start: number): { end: number; followedByElement: boolean } | null {
  let at = start;
  while (at < bytes.length) {
    const id = readId(bytes, at);
    if (id === null || !CLUSTER_CHILD_IDS.has(id.id)) return at === start ? null : { end: at, followedByElement: id !== null };
    const size = readVint(bytes, at + id.width);
    const next = size === null || size.unknown ? Infinity : at + id.width + size.width + size.value;
    if (next > bytes.length) break;
    at = next;
  }
  return { end: at, followedByElement: false };
}

/** The size field that declares `bytes` of content in `width` bytes, as EBML writes it. */
export function ebmlSize(bytes: number, width: number): Uint8Array<ArrayBuffer> {
  const field = new Uint8Array(width);
  let rest = bytes;
  for (let i = width - 1; i >= 0; i--) {
    field[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  field[0] |= 0x80 >> (width - 1);
  return field;
}
