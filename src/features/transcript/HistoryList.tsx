import { useJobStore } from '../../jobs/jobStore.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { workspaceActions, useWorkspaceStore } from './workspaceStore.ts';

/** The transcripts of this visit before the current one; each opens in the workspace. */
export function HistoryList() {
  const history = useJobStore((s) => s.history);
  const viewed = useWorkspaceStore((s) => s.viewedJobId);
  return (
    <section aria-labelledby="history-heading" className="history">
      <h2 id="history-heading">Earlier transcripts</h2>
      {history.length === 0 ? (
        <p className="figures">None yet: each new transcript moves the one before it here. They last until the page is reloaded.</p>
      ) : (
        <ul className="history-list">
          {history.map((job) => (
            <li key={job.id}>
              <div className="row">
                <span className="history-name" id={`history-${job.id}`}>
                  {job.source} ({job.outcome}, {job.words.length} words)
                </span>
                <button
                  type="button"
                  onClick={() => workspaceActions.view(job.id)}
                  disabled={viewed === job.id}
                  aria-describedby={`history-${job.id}`}
                >
                  {viewed === job.id ? 'Open now' : 'Open'}
                </button>
              </div>
              <ExportButtons job={job} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
