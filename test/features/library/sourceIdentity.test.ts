import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HEAD_BYTES, sameSource, sourceIdentity } from '../../../src/features/library/sourceIdentity.ts';

function bytes(length: number, seed: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

const audio = bytes(HEAD_BYTES + 5000, 1);
const original = new File([audio], 'talk.opus', { type: 'audio/ogg', lastModified: 1_700_000_000_000 });

describe('sourceIdentity', () => {
  it('hashes the first MiB only, with SHA-256', async () => {
    const identity = await sourceIdentity(original);
    expect(identity).toEqual({
      name: 'talk.opus',
      size: HEAD_BYTES + 5000,
      type: 'audio/ogg',
      lastModified: 1_700_000_000_000,
      headSha256: createHash('sha256').update(audio.subarray(0, HEAD_BYTES)).digest('hex'),
    });
    const tailChanged = audio.slice();
    tailChanged[HEAD_BYTES + 10] ^= 0xff;
    const other = await sourceIdentity(new File([tailChanged], 'talk.opus', { lastModified: 1 }));
    expect(other.headSha256).toBe(identity.headSha256);
  });
});

describe('sameSource', () => {
  it('accepts the same file picked again', async () => {
    const again = new File([audio], 'talk.opus', { type: 'audio/ogg', lastModified: 1_700_000_000_000 });
    expect(await sameSource(await sourceIdentity(original), again)).toEqual({ same: true });
  });

  it('says which property differs, surest sign first', async () => {
    const saved = await sourceIdentity(original);
    const cases: [File, string, RegExp][] = [
      [new File([audio.subarray(0, 1000)], 'talk.opus'), 'size', /"talk.opus" is 1000 B, but the file this transcript was made from \("talk.opus"\) was 1.0 MiB/],
      [new File([bytes(audio.length, 2)], 'talk.opus', { lastModified: saved.lastModified }), 'content', /first MiB differs/],
      [new File([audio], 'talk copy.opus', { lastModified: saved.lastModified }), 'name', /named "talk copy.opus", not "talk.opus"/],
      [new File([audio], 'talk.opus', { lastModified: saved.lastModified + 60_000 }), 'lastModified', /may have been edited since/],
    ];
    for (const [file, reason, message] of cases) {
      const match = await sameSource(saved, file);
      expect(match).toMatchObject({ same: false, reason });
      if (!match.same) expect(match.message).toMatch(message);
    }
  });

  it('tells sizes apart in bytes when they round to the same figure', async () => {
    const saved = await sourceIdentity(original);
    const match = await sameSource(saved, new File([audio.subarray(0, audio.length - 3)], 'talk.opus'));
    expect(match.same === false && match.message).toMatch(/is 1,053,573 bytes, .* was 1,053,576 bytes/);
  });

  it('goes by name, size and date where no hash could be taken', async () => {
    const saved = { ...(await sourceIdentity(original)), headSha256: null };
    const sameSizeOtherContent = new File([bytes(audio.length, 9)], 'talk.opus', { lastModified: saved.lastModified });
    expect(await sameSource(saved, sameSizeOtherContent)).toEqual({ same: true });
  });
});
