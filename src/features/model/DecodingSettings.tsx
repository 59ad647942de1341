import { useCallback, useEffect, useState } from 'react';
import type { EngineSession } from '../../jobs/engineSession.ts';
import { jobActions, useJobStore } from '../../jobs/jobStore.ts';
import { errorText } from '../../shared/errorText.ts';
import { downloadLanguageModel, languageModelSize, listLanguageModels, storeLanguageModel, type StoredLanguageModel } from './languageModels.ts';

/**
 * Fast (greedy) or Accurate (beam search) decoding, and what beam search uses: a language model
 * kept in this browser (an ARPA file dropped here or downloaded from a URL), its weights, and
 * hotwords. Applies to the next job.
 */
export function DecodingSettings({ session }: { session: EngineSession }) {
  const settings = useJobStore((s) => s.settings);
  const note = useJobStore((s) => s.languageModelNote);
  const [stored, setStored] = useState<StoredLanguageModel[]>([]);
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = useCallback(() => {
    listLanguageModels().then(setStored, (error: unknown) => setProblem(`Could not read the stored language models: ${errorText(error)}`));
  }, []);
  useEffect(refresh, [refresh]);

  const use = async (name: string | null) => {
    jobActions.changeSettings({ languageModel: name });
    await session.useLanguageModel(name);
  };

  const added = async (store: () => Promise<string>) => {
    setProblem(null);
    try {
      const name = await store();
      refresh();
      await use(name);
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  const accurate = settings.decoding === 'accurate';
  return (
    <fieldset className="decoding">
      <legend>Decoding</legend>
      <label htmlFor="decoding-select">Decoding</label>
      <select
        id="decoding-select"
        value={settings.decoding}
        onChange={(e) => jobActions.changeSettings({ decoding: e.target.value === 'accurate' ? 'accurate' : 'fast' })}
      >
        <option value="fast">Fast (greedy)</option>
        <option value="accurate">Accurate (beam search)</option>
      </select>
      {accurate && (
        <div className="grid">
          <label htmlFor="lm-select">Language model</label>
          <select id="lm-select" value={settings.languageModel ?? ''} onChange={(e) => void use(e.target.value || null)}>
            <option value="">None</option>
            {stored.map((model) => (
              <option key={model.name} value={model.name}>
                {model.name} ({languageModelSize(model)})
              </option>
            ))}
          </select>
          <label htmlFor="lm-file">Add a language model (ARPA, .arpa or .arpa.gz)</label>
          <input
            id="lm-file"
            type="file"
            accept=".arpa,.gz,text/plain,application/gzip"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void added(async () => (await storeLanguageModel(file.name, file), file.name));
            }}
          />
          <label htmlFor="lm-url">Or download one from a URL</label>
          <span className="row">
            <input id="lm-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…/model.arpa.gz" />
            <button type="button" disabled={url.trim() === ''} onClick={() => void added(() => downloadLanguageModel(url.trim()))}>
              Download
            </button>
          </span>
          <label htmlFor="lm-weight">Language model weight</label>
          <input
            id="lm-weight"
            type="number"
            min={0}
            max={5}
            step={0.1}
            value={settings.languageModelWeight}
            onChange={(e) => jobActions.changeSettings({ languageModelWeight: Number(e.target.value) })}
          />
          <label htmlFor="word-bonus">Word insertion bonus</label>
          <input
            id="word-bonus"
            type="number"
            min={-10}
            max={10}
            step={0.5}
            value={settings.wordBonus}
            onChange={(e) => jobActions.changeSettings({ wordBonus: Number(e.target.value) })}
          />
          <label htmlFor="hotwords">Hotwords: names and terms to favour, one per line</label>
          <textarea id="hotwords" rows={3} value={settings.hotwords} onChange={(e) => jobActions.changeSettings({ hotwords: e.target.value })} />
        </div>
      )}
      <p role="status" className="figures" data-testid="language-model-status">
        {problem ?? (accurate ? note : null)}
      </p>
    </fieldset>
  );
}
