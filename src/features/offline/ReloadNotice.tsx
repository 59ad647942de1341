import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { usePwaStore } from './pwaStore.ts';
import { pageActivity, reloadButton } from './reloadPolicy.ts';
import { applyUpdate, reloadForIsolation } from './serviceWorkerClient.ts';
import { useJobStore } from '../../jobs/jobStore.ts';

export interface ReloadNoticeProps {
  /** The library stores transcripts in this browser, so a reload loses none. */
  readonly transcriptsSaved: boolean;
  /** Writes what the library has not written yet (the running job's last windows); awaited before reloading. */
  readonly saveBeforeReload: () => Promise<void>;
}

/**
 * Offers the reload that a new deployment (or, on a host without COOP/COEP, cross-origin
 * isolation) needs. Only the user starts it; a job in progress is saved first and resumes after it.
 */
export function ReloadNotice({ transcriptsSaved, saveBeforeReload }: ReloadNoticeProps) {
  const update = usePwaStore((s) => s.update);
  const isolationOffered = usePwaStore((s) => s.isolationReloadOffered);
  const button = reloadButton(useJobStore(useShallow(pageActivity)), transcriptsSaved);
  const [saving, setSaving] = useState(false);
  if (update === 'none' && !isolationOffered) return null;
  const isUpdate = update !== 'none';

  const reload = async () => {
    setSaving(true);
    await saveBeforeReload();
    if (isUpdate) applyUpdate();
    else reloadForIsolation();
  };

  return (
    <section className="card notice" aria-label={isUpdate ? 'New version' : 'Cross-origin isolation'} data-testid="reload-notice">
      <div className="row">
        <p role="status" className="notice-text">
          {isUpdate
            ? 'A new version of the app is available.'
            : 'Reload once to turn on cross-origin isolation (WASM threads and the full memory measurement).'}
        </p>
        <button type="button" disabled={!button.enabled || saving} onClick={() => void reload()}>
          {isUpdate ? 'Reload to update' : 'Reload'}
        </button>
      </div>
      {button.note !== null && <p className="figures">{saving ? 'Saving, then reloading…' : button.note}</p>}
    </section>
  );
}
