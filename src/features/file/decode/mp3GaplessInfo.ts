/**
 * The Xing/Info header in an MP3's first frame, with the LAME extension that encoders (LAME,
 * FFmpeg) write: it gives the exact stream length and the encoder's delay and end padding, which a
 * player must trim for the decoded audio to line up with the original.
 * Layout: http://gabriel.mp3-tech.org/mp3infotag.html
 */
export interface Mp3GaplessInfo {
  sampleRate: number;
  /** Audio frames after the Info frame, as the header counts them. */
  frameCount: number;
  samplesPerFrame: number;
  /** Decoder output to drop at the start (encoder delay plus the decoder's own), when known. */
  leadingSamples: number | null;
  /** Samples of real audio after `leadingSamples`, when known. */
  validSamples: number | null;
}

/** MPEG-1/2 Layer III decoders (FFmpeg's, hence Chromium's) output this many samples late. */
export const MP3_DECODER_DELAY = 529;

const ID3V2_HEADER_SIZE = 10;
const SAMPLE_RATES_MPEG1 = [44100, 48000, 32000];

/** Bytes taken by an ID3v2 tag at the very start of a file (0 if there is none). */
export function id3v2TagSize(head: Uint8Array): number {
  if (head.length < ID3V2_HEADER_SIZE || head[0] !== 0x49 || head[1] !== 0x44 || head[2] !== 0x33) return 0;
  const size = ((head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14) | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f);
  const hasFooter = (head[5] & 0x10) !== 0;
  return ID3V2_HEADER_SIZE + size + (hasFooter ? ID3V2_HEADER_SIZE : 0);
}

function readAscii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function readU32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

/**
 * Reads the Xing/Info header of the Layer III frame that starts `bytes` (the bytes right after any
 * ID3v2 tag). Returns null when there is no such header: then the stream's length and trimming
 * are unknown, and it is decoded as it is.
 */
export function parseMp3GaplessInfo(bytes: Uint8Array): Mp3GaplessInfo | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1] & 0xe0) !== 0xe0) return null;
  const version = (bytes[1] >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = (bytes[1] >> 1) & 3; // 1: Layer III
  const rateIndex = (bytes[2] >> 2) & 3;
  if (version === 1 || layer !== 1 || rateIndex === 3) return null;
  const isMpeg1 = version === 3;
  const sampleRate = SAMPLE_RATES_MPEG1[rateIndex] / (isMpeg1 ? 1 : version === 2 ? 2 : 4);
  const mono = bytes[3] >> 6 === 3;
  const samplesPerFrame = isMpeg1 ? 1152 : 576;

  let offset = 4 + (isMpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17);
  if (bytes.length < offset + 8) return null;
  const tag = readAscii(bytes, offset, 4);
  if (tag !== 'Xing' && tag !== 'Info') return null;
  const flags = readU32(bytes, offset + 4);
  offset += 8;
  if ((flags & 1) === 0) return null; // no frame count
  const frameCount = readU32(bytes, offset);
  offset += 4;
  if (flags & 2) offset += 4; // byte count
  if (flags & 4) offset += 100; // seek table
  if (flags & 8) offset += 4; // quality

  const info: Mp3GaplessInfo = { sampleRate, frameCount, samplesPerFrame, leadingSamples: null, validSamples: null };
  // The LAME extension starts with the encoder's name ("LAME3.100", "Lavc59.37", ...).
  if (bytes.length >= offset + 24 && /^[A-Za-z]{4}/.test(readAscii(bytes, offset, 4))) {
    const delay = (bytes[offset + 21] << 4) | (bytes[offset + 22] >> 4);
    const padding = ((bytes[offset + 22] & 0x0f) << 8) | bytes[offset + 23];
    const valid = frameCount * samplesPerFrame - delay - padding;
    if (valid > 0) {
      info.leadingSamples = delay + MP3_DECODER_DELAY;
      info.validSamples = valid;
    }
  }
  return info;
}
