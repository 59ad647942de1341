import { useState, type FormEvent } from 'react';
import { useJobStore } from '../../jobs/jobStore.ts';
import type { EngineSession } from '../../jobs/engineSession.ts';
import { formatBytes } from '../../shared/formatBytes.ts';

export function ModelPicker({ session }: { session: EngineSession }) {
  const settings = useJobStore((s) => s.settings);
  const engine = useJobStore((s) => s.engine);
  const progress = useJobStore((s) => s.modelProgress);
  const loading = useJobStore((s) => s.status.state === 'loading-model');
  const [model, setModel] = useState(settings.model);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void session.loadModel({ ...useJobStore.getState().settings, model });
  };

  return (
    <section className="card" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      <form onSubmit={submit} className="row">
        <label htmlFor="model-input">Model (Hub id or URL)</label>
        <input
          id="model-input"
          value={model}
          onChange={(e) => setModel(e.target.value)}
          spellCheck={false}
          placeholder="Xenova/wav2vec2-base-960h"
        />
        <button type="submit" disabled={loading}>
          Load model
        </button>
      </form>
      {progress !== null && progress.totalBytes > 0 && (
        <div className="row">
          <progress max={progress.totalBytes} value={progress.loadedBytes} aria-label="Model download" />
          <span>
            {formatBytes(progress.loadedBytes)} of {formatBytes(progress.totalBytes)} (
            {Math.floor((progress.loadedBytes / progress.totalBytes) * 100)} %)
          </span>
        </div>
      )}
      {engine !== null && (
        <p className="backend" data-testid="backend" data-backend={engine.backend} data-threads={engine.threads}>
          <strong>{engine.backend === 'webgpu' ? 'WebGPU' : `WASM, ${engine.threads} thread${engine.threads === 1 ? '' : 's'}`}</strong>{' '}
          — {engine.reason}. Model {engine.model}, {engine.dtype}.
        </p>
      )}
    </section>
  );
}
