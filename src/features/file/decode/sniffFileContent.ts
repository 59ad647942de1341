/** What the first bytes of a file that no demuxer recognised look like, for the error message. */
export type UnrecognisedContent =
  | { kind: 'text' }
  | { kind: 'random-data' }
  /** An audio format the demuxers do not read; the browser's own decoder may. */
  | { kind: 'audio-format'; name: string }
  | { kind: 'unknown' };

/** Bytes worth reading for sniff(): enough for stable statistics, cheap for any file. */
export const SNIFF_BYTES = 4096;

function isText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return false;
  }
  if (text.length === 0) return false;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) control++;
  }
  return control / text.length < 0.01;
}

/** Shannon entropy of the byte values, in bits per byte (8 for uniformly random bytes). */
export function byteEntropy(bytes: Uint8Array): number {
  const counts = new Uint32Array(256);
  for (const byte of bytes) counts[byte]++;
  let entropy = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / bytes.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

const AUDIO_SIGNATURES: { name: string; matches(head: Uint8Array, ascii: string): boolean }[] = [
  { name: 'AIFF', matches: (_, ascii) => ascii.startsWith('FORM') && /^AIF[FC]$/.test(ascii.slice(8, 12)) },
  { name: 'CAF', matches: (_, ascii) => ascii.startsWith('caff') },
  { name: 'AMR', matches: (_, ascii) => ascii.startsWith('#!AMR') },
  { name: "Monkey's Audio", matches: (_, ascii) => ascii.startsWith('MAC ') },
  { name: 'Sun AU', matches: (_, ascii) => ascii.startsWith('.snd') },
  {
    name: 'WMA',
    matches: (head) => [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11].every((byte, i) => head[i] === byte),
  },
];

/**
 * Classifies the start of a file. Compressed or encrypted data is as dense as random data;
 * both get the same answer, which is what the user needs to hear: this is not audio we know.
 */
export function sniffFileContent(head: Uint8Array): UnrecognisedContent {
  const ascii = String.fromCharCode(...head.subarray(0, 12));
  const format = AUDIO_SIGNATURES.find((signature) => signature.matches(head, ascii));
  if (format) return { kind: 'audio-format', name: format.name };
  if (isText(head)) return { kind: 'text' };
  // Random bytes measure ~7.95 bits/byte over 4 KiB; text and structured binaries far less.
  if (head.length >= 1024 && byteEntropy(head) > 7.5) return { kind: 'random-data' };
  return { kind: 'unknown' };
}
