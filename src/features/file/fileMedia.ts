import type { JobMedia } from '../../jobs/jobStore.ts';

// Containers that usually carry a picture, for a file whose type the browser left empty.
const VIDEO_EXTENSIONS = /\.(mp4|m4v|mov|webm|mkv|ogv|avi)$/i;

/** Whether the file is shown as video: by its MIME type, else by its name. */
export function mediaKind(type: string, name: string): JobMedia['kind'] {
  if (type !== '') return type.startsWith('video/') ? 'video' : 'audio';
  return VIDEO_EXTENSIONS.test(name) ? 'video' : 'audio';
}

/** The dropped file as its job's media: an object URL of the File itself, so the player reads it from disk. */
export function fileMedia(file: File): JobMedia {
  return { url: URL.createObjectURL(file), kind: mediaKind(file.type, file.name) };
}
