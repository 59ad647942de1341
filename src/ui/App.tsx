import { FileDrop } from './FileDrop.tsx';
import { MemoryPanel } from './MemoryPanel.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { RecorderPanel } from './RecorderPanel.tsx';
import { ReloadNotice } from './ReloadNotice.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { StatusBar } from './StatusBar.tsx';
import { StoragePanel } from './StoragePanel.tsx';
import { HistoryList, TranscriptView } from './TranscriptView.tsx';

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
