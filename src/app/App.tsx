import { FileDrop } from '../features/file/FileDrop.tsx';
import { MemoryPanel } from '../features/memory/MemoryPanel.tsx';
import { ModelPicker } from '../features/model/ModelPicker.tsx';
import { RecorderPanel } from '../features/live/RecorderPanel.tsx';
import { ReloadNotice } from '../features/offline/ReloadNotice.tsx';
import { SettingsPanel } from '../features/model/SettingsPanel.tsx';
import { StatusBar } from './StatusBar.tsx';
import { StoragePanel } from '../features/offline/StoragePanel.tsx';
import { HistoryList, TranscriptView } from '../features/transcript/TranscriptView.tsx';

export function App() {
  return (
    <main>
      <header>
        <h1>In-page Transcriber</h1>
        <p>Speech to text that runs entirely in this page: your audio is never uploaded.</p>
      </header>
      <ReloadNotice />
      <StatusBar />
      <FileDrop />
      <RecorderPanel />
      <TranscriptView />
      <MemoryPanel />
      <ModelPicker />
      <SettingsPanel />
      <StoragePanel />
      <HistoryList />
    </main>
  );
}
