import { describe, expect, it } from 'vitest';
import { fileMedia, mediaKind } from '../../../src/features/file/fileMedia.ts';

describe('mediaKind', () => {
  it('shows a video type as video and any other type as audio', () => {
    expect(mediaKind('video/mp4', 'clip.mp4')).toBe('video');
    expect(mediaKind('video/webm', 'talk.webm')).toBe('video');
    expect(mediaKind('audio/mp4', 'talk.m4a')).toBe('audio');
    expect(mediaKind('audio/mpeg', 'song.mp4')).toBe('audio');
  });

  it('goes by the name when the browser gave no type', () => {
    expect(mediaKind('', 'lecture.MOV')).toBe('video');
    expect(mediaKind('', 'lecture.mkv')).toBe('video');
    expect(mediaKind('', 'memo.opus')).toBe('audio');
    expect(mediaKind('', 'noextension')).toBe('audio');
  });
});

describe('fileMedia', () => {
  it('gives the file itself as an object URL, read by the player as it plays', async () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'clip.mp4', { type: 'video/mp4' });
    const media = fileMedia(file);
    expect(media.kind).toBe('video');
    expect(media.url).toMatch(/^blob:/);
    URL.revokeObjectURL(media.url);
  });
});
