import { FileDrop } from './FileDrop.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { StatusBar } from './StatusBar.tsx';
import { HistoryList, TranscriptView } from './TranscriptView.tsx';

export function App() {
  return (
    <main>
      <header>
        <h1>In-page Transcriber</h1>
        <p>Speech to text that runs entirely in this page: your audio is never uploaded.</p>
      </header>
      <StatusBar />
      <FileDrop />
      <TranscriptView />
      <ModelPicker />
      <SettingsPanel />
      <HistoryList />
    </main>
  );
}
