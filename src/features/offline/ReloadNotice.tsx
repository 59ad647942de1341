import { useShallow } from 'zustand/react/shallow';
import { usePwaStore } from './pwaStore.ts';
import { pageActivity, reloadButton } from './reloadPolicy.ts';
import { applyUpdate, reloadForIsolation } from './serviceWorkerClient.ts';
import { useJobStore } from '../../jobs/jobStore.ts';

/**
 * Offers the reload that a new deployment (or, on a host without COOP/COEP, cross-origin
 * isolation) needs. Only the user starts it, and never while work is in progress.
 */
export function ReloadNotice({ transcriptsSaved }: { transcriptsSaved: boolean }) {
  const update = usePwaStore((s) => s.update);
  const isolationOffered = usePwaStore((s) => s.isolationReloadOffered);
  const button = reloadButton(useJobStore(useShallow(pageActivity)), transcriptsSaved);
  if (update === 'none' && !isolationOffered) return null;
  const isUpdate = update !== 'none';

  return (
    <section className="card notice" aria-label={isUpdate ? 'New version' : 'Cross-origin isolation'} data-testid="reload-notice">
      <div className="row">
        <p role="status" className="notice-text">
          {isUpdate
            ? 'A new version of the app is available.'
            : 'Reload once to turn on cross-origin isolation (WASM threads and the full memory measurement).'}
        </p>
        <button type="button" disabled={!button.enabled} onClick={isUpdate ? applyUpdate : reloadForIsolation}>
          {isUpdate ? 'Reload to update' : 'Reload'}
        </button>
      </div>
      {button.note !== null && <p className="figures">{button.note}</p>}
    </section>
  );
}
