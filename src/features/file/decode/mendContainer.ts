import { OGG_TAIL_BYTES, readOggEnding } from './oggEnding.ts';
import { patchedHeader, readWavHeader } from './wavHeader.ts';
import { ebmlSize, readWebmEnding, WEBM_TAIL_BYTES } from './webmEnding.ts';

/** What the demuxer reads of a file, and what its container says about its completeness. */
export interface DemuxableFile {
  /** The file itself, or a view of it (no copy) with its header mended or its partial tail left out. */
  blob: Blob;
  /** The container shows that the file was cut off, whatever decodes before the cut. */
  cutOff: boolean;
}

/** A WAV header with a long LIST chunk before the samples still fits. */
const HEAD_BYTES = 64 * 1024;

async function readBytes(file: Blob, start: number, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(start, start + length).arrayBuffer());
}

const startsWith = (bytes: Uint8Array, text: string) => [...text].every((char, i) => bytes[i] === char.charCodeAt(0));

/**
 * Makes a file that streaming writers or a cut left in a state the demuxer misreads readable up to
 * where its audio ends: a WAV header whose sizes were never filled in, an Ogg file cut inside a
 * page, a WebM file cut inside a cluster. Other files are passed on as they are.
 */
export async function mendContainer(file: File): Promise<DemuxableFile> {
  const head = await readBytes(file, 0, HEAD_BYTES);
  if (startsWith(head, 'OggS')) {
    const tailStart = Math.max(0, file.size - OGG_TAIL_BYTES);
    const ending = readOggEnding(await readBytes(file, tailStart, OGG_TAIL_BYTES), tailStart);
    if (ending === null) return { blob: file, cutOff: true };
    const whole = ending.wholePagesBytes === file.size;
    return { blob: whole ? file : file.slice(0, ending.wholePagesBytes), cutOff: !whole || !ending.endOfStream };
  }
  if (startsWith(head, '\x1a\x45\xdf\xa3')) {
    const tailStart = Math.max(0, file.size - WEBM_TAIL_BYTES);
    const ending = readWebmEnding(await readBytes(file, tailStart, WEBM_TAIL_BYTES), tailStart, file.size);
    if (ending === null) return { blob: file, cutOff: false };
    const dataStart = ending.sizeOffset + ending.sizeWidth;
    const blob = new Blob([
      file.slice(0, ending.sizeOffset),
      ebmlSize(ending.wholeBytes - dataStart, ending.sizeWidth),
      file.slice(dataStart, ending.wholeBytes),
    ]);
    return { blob, cutOff: ending.wholeBytes < file.size };
  }
  const wav = readWavHeader(head, file.size);
  if (wav !== null) {
    const blob =
      wav.patches.length === 0
        ? file
        : new Blob([patchedHeader(head.subarray(0, wav.dataStart), wav.patches), file.slice(wav.dataStart)]);
    return { blob, cutOff: wav.cutOff };
  }
  return { blob: file, cutOff: false };
}
