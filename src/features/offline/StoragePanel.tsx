import { errorText } from '../../shared/errorText.ts';
import { useCallback, useEffect, useState } from 'react';
import { offlineSupportText, usePwaStore } from './pwaStore.ts';
import { useJobStore } from '../../jobs/jobStore.ts';
import type { CachedModel } from './cachedModels.ts';
import { deleteCachedModel, listCachedModels } from './modelCache.ts';
import { persistenceText, readStorageEstimate, type StorageEstimateFacts } from './storageFacts.ts';
import { formatBytes } from '../../shared/formatBytes.ts';
import { deleteLanguageModel, languageModelSize, listLanguageModels, type StoredLanguageModel } from '../model/languageModels.ts';

function quotaText(estimate: StorageEstimateFacts | null): string {
  if (estimate === null) return 'This browser does not say how much storage this site may use.';
  const percent = estimate.quotaBytes > 0 ? (estimate.usageBytes / estimate.quotaBytes) * 100 : 0;
  return `Storage used by this site: ${formatBytes(estimate.usageBytes)} of about ${formatBytes(estimate.quotaBytes)} the browser allows (${percent < 1 ? percent.toFixed(2) : percent.toFixed(0)} %).`;
}

function sizeText(model: CachedModel): string {
  const size = model.unsized === 0 ? formatBytes(model.bytes) : `${formatBytes(model.bytes)} + ${model.unsized} file(s) of unknown size`;
  return model.complete ? size : `${size}, incomplete: no weights, so it does not load offline`;
}

/** Offline readiness, persistence, quota, and the models cached on this device (list, size, delete). */
export function StoragePanel({ transcriptsBytes }: { transcriptsBytes: () => Promise<number> }) {
  const offline = usePwaStore((s) => s.offline);
  const offlineProblem = usePwaStore((s) => s.offlineProblem);
  const persistence = usePwaStore((s) => s.persistence);
  const modelCacheProblem = usePwaStore((s) => s.modelCacheProblem);
  // A model load adds files to the cache (or finds it could not): read it again then.
  const engine = useJobStore((s) => s.engine);
  const [open, setOpen] = useState(false);
  const [models, setModels] = useState<CachedModel[] | null>(null);
  const [estimate, setEstimate] = useState<StorageEstimateFacts | null>(null);
  const [message, setMessage] = useState('');
  const [languageModels, setLanguageModels] = useState<StoredLanguageModel[]>([]);
  const [transcripts, setTranscripts] = useState<number | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [cached, usage, lms, saved] = await Promise.all([listCachedModels(), readStorageEstimate(), listLanguageModels(), transcriptsBytes()]);
      setTranscripts(saved);
      setModels(cached);
      setLanguageModels(lms);
      setEstimate(usage);
    } catch (error) {
      setMessage(`Could not read this site's storage: ${errorText(error)}`);
    }
  }, [transcriptsBytes]);

  useEffect(() => {
    if (open) void refresh();
  }, [open, engine, modelCacheProblem, refresh]);

  const remove = async (model: CachedModel) => {
    try {
      await deleteCachedModel(model);
      setMessage(`Deleted the cached model ${model.label} (${sizeText(model)}). It downloads again the next time it loads.`);
    } catch (error) {
      setMessage(`Could not delete ${model.label}: ${errorText(error)}`);
    }
    await refresh();
  };

  const removeLanguageModel = async (model: StoredLanguageModel) => {
    try {
      await deleteLanguageModel(model.name);
      setMessage(`Deleted the language model ${model.name} (${languageModelSize(model)}).`);
    } catch (error) {
      setMessage(`Could not delete ${model.name}: ${errorText(error)}`);
    }
    await refresh();
  };

  return (
    <details className="card storage-panel" data-testid="storage-panel" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Offline use and storage</summary>
      <p data-testid="offline-status" data-offline={offline}>
        {offlineSupportText(offline, offlineProblem)}
      </p>
      <p data-testid="persistence-status" data-persistence={persistence}>
        {persistenceText(persistence)}
      </p>
      <p data-testid="storage-quota">{quotaText(estimate)}</p>
      {modelCacheProblem !== null && (
        <p className="warning" data-testid="model-cache-problem">
          {modelCacheProblem}
        </p>
      )}
      <p data-testid="transcripts-storage">{transcripts === null ? 'Saved transcripts: …' : `Saved transcripts (the Library): ${formatBytes(transcripts)}.`}</p>
      <h3 id="cached-models-heading">Models cached on this device</h3>
      {models === null ? (
        <p>Reading the cache…</p>
      ) : models.length === 0 ? (
        <p>None yet: a model is cached the first time it loads, and then works offline.</p>
      ) : (
        <table className="cached-models" aria-labelledby="cached-models-heading">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Files</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Delete</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((model) => (
              <tr key={model.label} data-testid="cached-model" data-model={model.label} data-complete={model.complete}>
                <td>{model.label}</td>
                <td className="figures">{model.urls.length}</td>
                <td className="figures" data-testid="cached-model-size">
                  {sizeText(model)}
                </td>
                <td>
                  <button type="button" aria-label={`Delete the cached model ${model.label}`} onClick={() => void remove(model)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 id="language-models-heading">Language models kept in this browser</h3>
      {languageModels.length === 0 ? (
        <p>None: add one under Settings, Decoding, to use it with the Accurate decoding.</p>
      ) : (
        <ul aria-labelledby="language-models-heading">
          {languageModels.map((model) => (
            <li key={model.name} data-testid="language-model">
              {model.name} ({languageModelSize(model)}){' '}
              <button type="button" aria-label={`Delete the language model ${model.name}`} onClick={() => void removeLanguageModel(model)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" onClick={() => void refresh()}>
          Refresh
        </button>
        <span role="status">{message}</span>
      </div>
    </details>
  );
}
