import { startEngineWorker } from '../engine/client.ts';
import { FileJobs } from '../features/file/fileJobs.ts';
import { openAudioFile } from '../features/file/decode/openAudioFile.ts';
import { LiveRecorder } from '../features/live/liveRecorder.ts';
import type { MemoryMonitor } from '../features/memory/memoryMonitor.ts';
import { startMemoryMonitor } from '../features/memory/startMemoryMonitor.ts';
import { recordBudgetSpeeds } from '../features/model/budgetSpeedStore.ts';
import { readLanguageModel } from '../features/model/languageModels.ts';
import { Autosave } from '../features/library/autosave.ts';
import { browserLibraryDeps } from '../features/library/browserLibraryDeps.ts';
import { LibraryJobs } from '../features/library/libraryJobs.ts';
import { useLibraryPreferences } from '../features/library/libraryPreferences.ts';
import { TranscriptLibrary } from '../features/library/transcriptLibrary.ts';
import { EngineSession } from '../jobs/engineSession.ts';

/** The page's long-lived parts, made once at start-up and handed to the views. */
export interface AppServices {
  readonly session: EngineSession;
  readonly files: FileJobs;
  readonly recorder: LiveRecorder;
  readonly memory: MemoryMonitor;
  readonly library: LibraryJobs;
}

export function startServices(): AppServices {
  const session = new EngineSession({
    startWorker: startEngineWorker,
    pageUrl: () => location.href,
    online: () => navigator.onLine,
    readLanguageModel,
  });
  const files = new FileJobs(session, openAudioFile);
  const library = new TranscriptLibrary(browserLibraryDeps());
  const autosave = new Autosave(library, { keepFiles: () => useLibraryPreferences.getState().keepFiles });
  recordBudgetSpeeds();
  return {
    session,
    files,
    library: new LibraryJobs(library, files, autosave),
    recorder: new LiveRecorder(session),
    memory: startMemoryMonitor(() => session.engineStats()),
  };
}
