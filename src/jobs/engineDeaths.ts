import type { JobSettings } from '../engine/protocol.ts';

/** Committed positions closer than this are the same window. */
const SAME_POSITION_SECONDS = 1e-3;

/**
 * Where the engine last died under a job of each file, in this tab: a job that dies again at the
 * same committed position (the same file, window and stride) would die there on every Resume, so
 * it is stopped with a message instead of offered again.
 */
export class EngineDeaths {
  private readonly positions = new Map<string, number>();

  /**
   * Records a death at `committedSeconds`; true when the previous one for the same file and
   * windows was at that position too.
   */
  died(file: File, windows: Pick<JobSettings, 'windowSeconds' | 'strideSeconds'>, committedSeconds: number): boolean {
    const key = deathKey(file, windows);
    const previous = this.positions.get(key);
    this.positions.set(key, committedSeconds);
    return previous !== undefined && Math.abs(previous - committedSeconds) < SAME_POSITION_SECONDS;
  }

  /** The job of this file ended without a death: an earlier death there no longer counts. */
  forget(file: File, windows: Pick<JobSettings, 'windowSeconds' | 'strideSeconds'>): void {
    this.positions.delete(deathKey(file, windows));
  }
}

/** A file as the library tells a re-picked or kept copy from another: name, size and date. */
function deathKey(file: File, { windowSeconds, strideSeconds }: Pick<JobSettings, 'windowSeconds' | 'strideSeconds'>): string {
  return JSON.stringify([file.name, file.size, file.lastModified, windowSeconds, strideSeconds]);
}

/** The page's record, shared by every job of this tab. */
export const engineDeaths = new EngineDeaths();
