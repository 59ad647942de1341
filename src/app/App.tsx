import { FileDrop } from '../features/file/FileDrop.tsx';
import { MemoryPanel } from '../features/memory/MemoryPanel.tsx';
import { ModelPicker } from '../features/model/ModelPicker.tsx';
import { RecorderPanel } from '../features/live/RecorderPanel.tsx';
import { ReloadNotice } from '../features/offline/ReloadNotice.tsx';
import { SettingsPanel } from '../features/model/SettingsPanel.tsx';
import { StatusBar } from './StatusBar.tsx';
import { StoragePanel } from '../features/offline/StoragePanel.tsx';
import { HistoryList } from '../features/transcript/HistoryList.tsx';
import { TranscriptWorkspace } from '../features/transcript/TranscriptWorkspace.tsx';
import { WordErrorRatePanel } from '../features/transcript/WordErrorRatePanel.tsx';
import { useTranscriptFixture } from '../features/transcript/fixtures/useTranscriptFixture.ts';
import { Library } from '../features/library/Library.tsx';
import { useStore } from 'zustand';
import { Tabs } from './Tabs.tsx';
import type { AppServices } from './services.ts';

/**
 * The page: input on top, the transcript workspace filling the centre, the secondary views in the
 * side panel's tabs. Every view gets the services it uses from here, so features never import the app.
 */
export function App({ services }: { services: AppServices }) {
  useTranscriptFixture();
  const transcriptsSaved = useStore(services.library.library.status, (s) => s.storage === 'indexeddb');
  return (
    <div className="app">
      <header className="app-header">
        <h1>In-page Transcriber</h1>
        <p>Speech to text that runs entirely in this page: your audio is never uploaded.</p>
      </header>
      <ReloadNotice transcriptsSaved={transcriptsSaved} saveBeforeReload={services.library.saveNow} />
      <div className="inputs">
        <FileDrop files={services.files} />
        <RecorderPanel recorder={services.recorder} />
        <StatusBar session={services.session} />
      </div>
      <main className="centre">
        <TranscriptWorkspace />
      </main>
      <aside className="side" aria-label="Model, memory, storage and earlier transcripts">
        <Tabs
          label="Details"
          tabs={[
            {
              id: 'model',
              label: 'Model',
              content: (
                <>
                  <ModelPicker session={services.session} />
                  <SettingsPanel session={services.session} />
                  <WordErrorRatePanel />
                </>
              ),
            },
            { id: 'memory', label: 'Memory', content: <MemoryPanel monitor={services.memory} files={services.files} /> },
            { id: 'storage', label: 'Storage', content: <StoragePanel transcriptsBytes={services.library.transcriptsBytes} /> },
            // The transcript library (transcripts kept in IndexedDB) goes in this tab, above this visit's list.
            {
              id: 'library',
              label: 'Library',
              content: (
                <>
                  <Library jobs={services.library} />
                  <HistoryList />
                </>
              ),
            },
          ]}
        />
      </aside>
    </div>
  );
}
