import type { JobSource, SourceIdentity } from './libraryRecords.ts';
import { formatBytes } from '../../shared/formatBytes.ts';

/** Enough of a file to tell it from another of the same size, without reading hours of audio. */
export const HEAD_BYTES = 1024 * 1024;

async function headSha256(file: Blob): Promise<string | null> {
  // crypto.subtle exists only in secure contexts; without it identity rests on name, size and date.
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return null;
  const digest = await subtle.digest('SHA-256', await file.slice(0, HEAD_BYTES).arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sourceIdentity(file: File): Promise<SourceIdentity> {
  return { name: file.name, size: file.size, type: file.type, lastModified: file.lastModified, headSha256: await headSha256(file) };
}

/** The source of a job transcribing `file`; its duration is filled in once the audio is opened. */
export async function fileSource(file: File): Promise<JobSource> {
  return { kind: 'file', ...(await sourceIdentity(file)), durationSeconds: null };
}

/** The source of a microphone recording: nothing to re-pick, so no file identity. */
export function recordingSource(name: string, startedAt: number): JobSource {
  return { kind: 'recording', name, size: 0, type: '', lastModified: startedAt, headSha256: null, durationSeconds: null };
}

export type SourceMismatch = 'size' | 'content' | 'name' | 'lastModified';

export type SourceMatch = { readonly same: true } | { readonly same: false; readonly reason: SourceMismatch; readonly message: string };

function sizeText(bytes: number, other: number): string {
  return formatBytes(bytes) === formatBytes(other) ? `${bytes.toLocaleString('en')} bytes` : formatBytes(bytes);
}

/**
 * Whether `file` is the one `saved` describes, checked from the surest sign of a different file to
 * the weakest: size, then the first MiB's hash, then name, then modification date. A file that
 * differs only by name or date has the same content as far as checked, and the reason says so,
 * so the UI may offer to continue anyway.
 */
export async function sameSource(saved: SourceIdentity, file: File): Promise<SourceMatch> {
  if (file.size !== saved.size) {
    return {
      same: false,
      reason: 'size',
      message: `"${file.name}" is ${sizeText(file.size, saved.size)}, but the file this transcript was made from ("${saved.name}") was ${sizeText(saved.size, file.size)}: it is a different file.`,
    };
  }
  const hash = saved.headSha256 === null ? null : await headSha256(file);
  if (hash !== null && hash !== saved.headSha256) {
    return {
      same: false,
      reason: 'content',
      message: `"${file.name}" has the same size as "${saved.name}", but its first MiB differs: it is a different file, or it has been changed.`,
    };
  }
  if (file.name !== saved.name) {
    return {
      same: false,
      reason: 'name',
      message: `This file is named "${file.name}", not "${saved.name}", though its size and first MiB are the same: it may be a renamed copy.`,
    };
  }
  if (file.lastModified !== saved.lastModified) {
    return {
      same: false,
      reason: 'lastModified',
      message: `"${file.name}" was modified on ${new Date(file.lastModified).toLocaleString()}, but the transcribed one on ${new Date(saved.lastModified).toLocaleString()}, though its size and first MiB are the same: it may have been edited since.`,
    };
  }
  return { same: true };
}
