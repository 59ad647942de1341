import { FileDrop } from '../features/file/FileDrop.tsx';
import { MemoryPanel } from '../features/memory/MemoryPanel.tsx';
import { ModelPicker } from '../features/model/ModelPicker.tsx';
import { RecorderPanel } from '../features/live/RecorderPanel.tsx';
import { ReloadNotice } from '../features/offline/ReloadNotice.tsx';
import { SettingsPanel } from '../features/model/SettingsPanel.tsx';
import { StatusBar } from './StatusBar.tsx';
import { StoragePanel } from '../features/offline/StoragePanel.tsx';
import { HistoryList, TranscriptView } from '../features/transcript/TranscriptView.tsx';
import { Library } from '../features/library/Library.tsx';
import { useStore } from 'zustand';
import type { AppServices } from './services.ts';

/** The page; every view gets the services it uses from here, so features never import the app. */
export function App({ services }: { services: AppServices }) {
  const transcriptsSaved = useStore(services.library.library.status, (s) => s.storage === 'indexeddb');
  return (
    <main>
      <header>
        <h1>In-page Transcriber</h1>
        <p>Speech to text that runs entirely in this page: your audio is never uploaded.</p>
      </header>
      <ReloadNotice transcriptsSaved={transcriptsSaved} />
      <StatusBar session={services.session} />
      <FileDrop files={services.files} />
      <RecorderPanel recorder={services.recorder} />
      <TranscriptView />
      <MemoryPanel monitor={services.memory} files={services.files} />
      <ModelPicker session={services.session} />
      <SettingsPanel session={services.session} />
      <StoragePanel />
      <HistoryList />
      <Library jobs={services.library} />
    </main>
  );
}
