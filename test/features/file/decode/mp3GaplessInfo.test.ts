import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { id3v2TagSize, MP3_DECODER_DELAY, parseMp3GaplessInfo } from '../../../../src/features/file/decode/mp3GaplessInfo.ts';
import { SHARED } from '../../../support/sharedFixtures.ts';

const SHARED_AUDIO = path.join(SHARED, 'audio');

function afterId3(file: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(path.join(SHARED_AUDIO, file)));
  return bytes.subarray(id3v2TagSize(bytes.subarray(0, 10)));
}

/** An MPEG-1 Layer III stereo 44.1 kHz frame start holding an Info header with the given extension. */
function infoFrame(frameCount: number, lameExtension: number[] | null): Uint8Array {
  const bytes = new Uint8Array(417);
  bytes.set([0xff, 0xfb, 0x90, 0x00]);
  const at = 36;
  bytes.set([...'Info'].map((c) => c.charCodeAt(0)), at);
  bytes.set([0, 0, 0, 1], at + 4); // flags: frame count only
  new DataView(bytes.buffer).setUint32(at + 8, frameCount);
  if (lameExtension) bytes.set(lameExtension, at + 12);
  return bytes;
}

describe('MP3 gapless info', () => {
  it('reads the LAME header FFmpeg wrote into the test MP3', () => {
    const info = parseMp3GaplessInfo(afterId3('tones/formats/paragraph.mp3'));
    expect(info).toEqual({
      sampleRate: 44_100,
      frameCount: 949,
      samplesPerFrame: 1152,
      leadingSamples: 576 + MP3_DECODER_DELAY,
      validSamples: 24.76 * 44_100, // the source's exact length
    });
  });

  it('reads the length the header of a truncated MP3 still promises', () => {
    const info = parseMp3GaplessInfo(afterId3('bad/truncated.mp3'));
    expect(info?.frameCount).toBe(603);
    expect(info?.validSamples).toBeGreaterThan(15 * 44_100);
  });

  it('sizes ID3v2 tags, with and without footer', () => {
    expect(id3v2TagSize(new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0x01, 0x7f]))).toBe(10 + 255);
    expect(id3v2TagSize(new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0x10, 0, 0, 0, 5]))).toBe(25);
    expect(id3v2TagSize(new Uint8Array([0xff, 0xfb, 0x90, 0, 0, 0, 0, 0, 0, 0]))).toBe(0);
  });

  it('decodes 12-bit delay and padding', () => {
    const extension = [...'LAME3.100'].map((c) => c.charCodeAt(0));
    extension.length = 24;
    extension.fill(0, 9);
    extension.splice(21, 3, 0x24, 0x0b, 0x3c); // delay 0x240 = 576, padding 0xb3c = 2876
    const info = parseMp3GaplessInfo(infoFrame(100, extension));
    expect(info?.leadingSamples).toBe(576 + MP3_DECODER_DELAY);
    expect(info?.validSamples).toBe(100 * 1152 - 576 - 2876);
  });

  it('keeps the frame count when there is no LAME extension, and gives up without a header', () => {
    const info = parseMp3GaplessInfo(infoFrame(100, null));
    expect(info).toMatchObject({ frameCount: 100, leadingSamples: null, validSamples: null });
    const plainFrame = infoFrame(100, null);
    plainFrame.fill(0, 36, 40);
    expect(parseMp3GaplessInfo(plainFrame)).toBeNull();
    expect(parseMp3GaplessInfo(new TextEncoder().encode('not an mp3 at all'))).toBeNull();
  });
});
