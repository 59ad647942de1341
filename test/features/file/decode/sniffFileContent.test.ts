import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byteEntropy, SNIFF_BYTES, sniffFileContent } from '../../../../src/features/file/decode/sniffFileContent.ts';
import { SHARED } from '../../../support/sharedFixtures.ts';

const BAD = path.join(SHARED, 'audio/bad');
const head = (file: string) => new Uint8Array(readFileSync(path.join(BAD, file))).subarray(0, SNIFF_BYTES);

describe('sniffFileContent', () => {
  it('recognises the test files that are not audio', () => {
    expect(sniffFileContent(head('not-audio.wav'))).toEqual({ kind: 'text' });
    expect(sniffFileContent(head('random-bytes.ogg'))).toEqual({ kind: 'random-data' });
  });

  it('takes UTF-8 text, even cut inside a character, as text', () => {
    const bytes = new TextEncoder().encode('Grüße, 日本語の字幕\n'.repeat(200));
    expect(sniffFileContent(bytes.subarray(0, 1001))).toEqual({ kind: 'text' });
  });

  it('leaves structured binary data unclassified', () => {
    const bytes = new Uint8Array(SNIFF_BYTES);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 16 === 0 ? 0 : i % 7;
    expect(sniffFileContent(bytes)).toEqual({ kind: 'unknown' });
  });

  it('names audio formats that only a browser might decode', () => {
    const ascii = (text: string) => new TextEncoder().encode(text);
    expect(sniffFileContent(ascii('FORM\0\0\x10\0AIFFCOMM'))).toEqual({ kind: 'audio-format', name: 'AIFF' });
    expect(sniffFileContent(ascii('caff\0\x01\0\0desc'))).toEqual({ kind: 'audio-format', name: 'CAF' });
    expect(sniffFileContent(ascii('#!AMR\n'))).toEqual({ kind: 'audio-format', name: 'AMR' });
    const wma = new Uint8Array([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0, 0xaa]);
    expect(sniffFileContent(wma)).toEqual({ kind: 'audio-format', name: 'WMA' });
    expect(sniffFileContent(ascii('FORM\0\0\x10\0ILBMBMHD'))).toEqual({ kind: 'unknown' });
  });

  it('measures entropy in bits per byte', () => {
    expect(byteEntropy(new Uint8Array(1000))).toBe(0);
    expect(byteEntropy(Uint8Array.from({ length: 256 * 4 }, (_, i) => i % 256))).toBeCloseTo(8, 10);
  });
});
