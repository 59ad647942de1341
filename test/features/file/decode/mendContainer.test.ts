import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mendContainer } from '../../../../src/features/file/decode/mendContainer.ts';
import { TONES } from '../../../support/sharedFixtures.ts';

const read = (relative: string) => new Uint8Array(readFileSync(path.join(TONES, relative)));
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('mendContainer', () => {
  it.each(['formats/paragraph.opus', 'formats/paragraph.mp3', 'formats/paragraph-8k.wav', 'sentences/s-01.wav'])(
    'passes the complete %s on as it is',
    async (name) => {
      const file = new File([read(name)], path.basename(name));
      expect(await mendContainer(file)).toEqual({ blob: file, cutOff: false });
    },
  );

  it('gives the demuxer a WAV with sizes left at 0 as a whole WAV, sample for sample', async () => {
    const clip = read('sentences/s-01.wav');
    const zeroed = clip.slice();
    new DataView(zeroed.buffer).setUint32(4, 0, true);
    new DataView(zeroed.buffer).setUint32(40, 0, true);
    const mended = await mendContainer(new File([zeroed], 'streamed.wav'));
    expect(mended.cutOff).toBe(false);
    expect(await bytesOf(mended.blob)).toEqual(new Uint8Array([...clip.subarray(0, 4), ...new Uint8Array(new Uint32Array([clip.length - 8]).buffer), ...clip.subarray(8)]));
  });

  it('leaves the partial page of a cut Ogg file out, and says it was cut off', async () => {
    const opus = read('formats/paragraph.opus');
    const cut = opus.subarray(0, Math.floor(opus.length * 0.9));
    const mended = await mendContainer(new File([cut], 'cut.opus'));
    expect(mended.cutOff).toBe(true);
    const kept = await bytesOf(mended.blob);
    expect(kept).toEqual(cut.subarray(0, kept.length));
    expect(Buffer.from(cut).lastIndexOf('OggS')).toBe(kept.length);
  });
});

describe('mendContainer on WebM', () => {
  it('declares a cut last cluster as long as its whole blocks, leaving the partial one out', async () => {
    const webm = read('formats/paragraph.webm');
    const cut = webm.subarray(0, Math.floor(webm.length * 0.6));
    const mended = await mendContainer(new File([cut], 'cut.webm'));
    expect(mended.cutOff).toBe(true);
    const bytes = await bytesOf(mended.blob);
    const cluster = Buffer.from(cut).lastIndexOf('1f43b675', undefined, 'hex');
    // Everything but the cluster's size is the file's own, and the size ends the cluster where the bytes end.
    expect(bytes.subarray(0, cluster + 4)).toEqual(cut.subarray(0, cluster + 4));
    expect(bytes.subarray(cluster + 7)).toEqual(cut.subarray(cluster + 7, bytes.length));
    const declared = ((bytes[cluster + 4] & 0x1f) << 16) | (bytes[cluster + 5] << 8) | bytes[cluster + 6];
    expect(cluster + 7 + declared).toBe(bytes.length);
  });
});
