import { formatDuration } from '../shared/formatDuration.ts';
import { useJobStore } from '../jobs/jobStore.ts';
import type { EngineSession } from '../jobs/engineSession.ts';

export function StatusBar({ session }: { session: EngineSession }) {
  const status = useJobStore((s) => s.status);
  const job = useJobStore((s) => s.job);
  const progress = job?.outcome === 'running' ? job.progress : null;

  return (
    <section className="card" aria-label="Progress">
      <p data-testid="status" data-state={status.state} role="status" aria-live="polite" className={`status ${status.state}`}>
        {status.message}
      </p>
      {job?.warning && <p className="warning" role="note">{job.warning}</p>}
      {job?.outcome === 'running' && (
        <div className="row">
          <progress
            aria-label="Transcription progress"
            max={1}
            value={progress?.fraction ?? undefined}
          />
          {progress !== null && (
            <span className="figures" data-testid="progress-figures">
              {progress.fraction !== null && `${Math.floor(progress.fraction * 100)} % · `}
              elapsed {formatDuration(progress.elapsedSeconds)}
              {progress.remainingSeconds !== null && ` · about ${formatDuration(progress.remainingSeconds)} left`}
              {progress.realTimeFactor !== null &&
                ` · RTF ${progress.realTimeFactor.toFixed(3)} (${(1 / progress.realTimeFactor).toFixed(0)}× real time)`}
            </span>
          )}
          <button type="button" onClick={() => session.cancel()}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
