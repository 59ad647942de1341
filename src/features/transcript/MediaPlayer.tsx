import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import type { TranscriptJob } from '../../jobs/jobStore.ts';
import { nearestRate, PLAYBACK_RATES, rateLabel } from './playbackRates.ts';
import type { Player } from './player.ts';
import { SKIP_SECONDS } from './shortcuts.ts';
import { useWorkspaceStore, workspaceActions } from './workspaceStore.ts';

function missingMediaText(job: TranscriptJob): string {
  if (job.kind === 'live') {
    return job.outcome === 'running'
      ? 'The recording can be played here once it is stopped and saved.'
      : 'This recording was not kept, so there is nothing to play.';
  }
  return job.outcome === 'running' ? 'Opening the file…' : 'This file could not be opened, so there is nothing to play.';
}

/**
 * The job's own audio or video in the browser's player, streamed from its object URL, with skip
 * buttons, a speed control and the Follow toggle.
 */
export function MediaPlayer({ job, player }: { job: TranscriptJob; player: Player }) {
  const rate = useWorkspaceStore((s) => s.playbackRate);
  const follow = useWorkspaceStore((s) => s.follow);
  const [problem, setProblem] = useState<string | null>(null);
  const [picture, setPicture] = useState(true);
  const media = job.media;

  useEffect(() => player.setRate(rate), [player, rate, media]);

  const attach = useCallback(
    (element: HTMLMediaElement | null) => {
      player.attach(element);
      return () => player.attach(null);
    },
    [player],
  );
  const shared = {
    ref: attach,
    'data-testid': 'player',
    src: media?.url,
    controls: true,
    preload: 'metadata',
    'aria-label': `Player: ${job.source}`,
    onLoadedMetadata: (e: SyntheticEvent<HTMLMediaElement>) => {
      setProblem(null);
      e.currentTarget.playbackRate = rate;
      if (e.currentTarget instanceof HTMLVideoElement) setPicture(e.currentTarget.videoWidth > 0);
    },
    onRateChange: (e: SyntheticEvent<HTMLMediaElement>) => {
      // The browser's own menu may offer other speeds: keep to the ones offered here.
      const wanted = nearestRate(e.currentTarget.playbackRate);
      if (wanted !== e.currentTarget.playbackRate) e.currentTarget.playbackRate = wanted;
      workspaceActions.setPlaybackRate(wanted);
    },
    onError: () =>
      setProblem(
        job.kind === 'live'
          ? 'The recording can no longer be played: a newer recording replaced it, or it was deleted.'
          : 'The browser cannot play this file, though it could transcribe it.',
      ),
  } as const;

  return (
    <div className={media?.kind === 'video' ? 'player with-video' : 'player'} role="group" aria-label="Playback">
      {media === null ? (
        <p className="figures">{missingMediaText(job)}</p>
      ) : media.kind === 'video' ? (
        <video {...shared} playsInline className={picture ? 'video' : 'video no-picture'} />
      ) : (
        <audio {...shared} />
      )}
      {problem !== null && <p className="warning">{problem}</p>}
      <div className="row player-controls">
        <button type="button" onClick={() => player.skip(-1)} disabled={media === null} aria-keyshortcuts="j">
          Back {SKIP_SECONDS} s
        </button>
        <button type="button" onClick={() => player.skip(1)} disabled={media === null} aria-keyshortcuts="l">
          Forward {SKIP_SECONDS} s
        </button>
        <label>
          Speed{' '}
          <select value={rate} onChange={(e) => workspaceActions.setPlaybackRate(Number(e.target.value))}>
            {PLAYBACK_RATES.map((r) => (
              <option key={r} value={r}>
                {rateLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => workspaceActions.setFollow(e.target.checked)} /> Follow playback
        </label>
      </div>
    </div>
  );
}
