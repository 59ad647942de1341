import { formatBytes } from '../../shared/formatBytes.ts';
import type { CachedModel } from './cachedModels.ts';

/** What a load found in the model cache afterwards, and the room this site has. */
export interface ModelCacheCheck {
  /** The model as listed in the storage panel. */
  readonly label: string;
  /** Bytes of the model's files as they loaded. */
  readonly neededBytes: number;
  /** The model's entries in the cache now, or null when none. */
  readonly cached: CachedModel | null;
  /** This site's usage and quota, once the partial entries are gone; null where the browser does not say. */
  readonly estimate: { readonly usageBytes: number; readonly quotaBytes: number } | null;
  /** The other cached models, which the user may delete to make room. */
  readonly otherModels: readonly CachedModel[];
  /** Bytes of the saved transcripts (IndexedDB), where the browser says. */
  readonly transcriptsBytes: number | null;
}

/**
 * Whether a model that loaded was not kept whole in the cache: not at all, without its weights, or
 * with fewer bytes than it loaded (the browser refused a file, as it does when the quota is full).
 */
export function notKeptWhole({ cached, neededBytes }: Pick<ModelCacheCheck, 'cached' | 'neededBytes'>): boolean {
  return cached === null || !cached.complete || (cached.unsized === 0 && cached.bytes < neededBytes);
}

/**
 * The sentence for a model that works now but is not kept for offline use: its size against the
 * room left, and what to delete to make room.
 */
export function modelCacheShortfallText({ label, neededBytes, estimate, otherModels, transcriptsBytes }: ModelCacheCheck): string {
  const consequence = `The model "${label}" works now, but this browser could not keep it for offline use, so it downloads again on the next visit and does not load offline.`;
  const free = estimate === null ? null : Math.max(0, estimate.quotaBytes - estimate.usageBytes);
  if (free !== null && free >= neededBytes) {
    return `${consequence} The browser did not store all of its files, though there seems to be room (${formatBytes(neededBytes)} needed, ${formatBytes(free)} free): load it again to retry.`;
  }
  const room =
    free === null
      ? `It needs ${formatBytes(neededBytes)}; the browser does not say how much room this site has left.`
      : `It needs ${formatBytes(neededBytes)} and this site has ${formatBytes(free)} free (${formatBytes(estimate!.usageBytes)} used of the ${formatBytes(estimate!.quotaBytes)} the browser allows).`;
  const models =
    otherModels.length === 0
      ? []
      : [`cached models you no longer need under Offline use and storage (${otherModels.map((m) => `${m.label}: ${formatBytes(m.bytes)}`).join('; ')})`];
  const transcripts = `saved transcripts in the Library${transcriptsBytes === null ? '' : ` (${formatBytes(transcriptsBytes)})`}`;
  return `${consequence} ${room} To make room, delete ${[...models, transcripts].join(' or ')}, or free disk space; then load the model again.`;
}
