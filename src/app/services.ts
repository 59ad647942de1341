import { startEngineWorker } from '../engine/client.ts';
import { FileJobs } from '../features/file/fileJobs.ts';
import { openAudioFile } from '../features/file/decode/openAudioFile.ts';
import { LiveRecorder } from '../features/live/liveRecorder.ts';
import type { MemoryMonitor } from '../features/memory/memoryMonitor.ts';
import { startMemoryMonitor } from '../features/memory/startMemoryMonitor.ts';
import { readLanguageModel } from '../features/model/languageModels.ts';
import { EngineSession } from '../jobs/engineSession.ts';

/** The page's long-lived parts, made once at start-up and handed to the views. */
export interface AppServices {
  readonly session: EngineSession;
  readonly files: FileJobs;
  readonly recorder: LiveRecorder;
  readonly memory: MemoryMonitor;
}

export function startServices(): AppServices {
  const session = new EngineSession({
    startWorker: startEngineWorker,
    pageUrl: () => location.href,
    online: () => navigator.onLine,
    readLanguageModel,
  });
  return {
    session,
    files: new FileJobs(session, openAudioFile),
    recorder: new LiveRecorder(session),
    memory: startMemoryMonitor(() => session.engineStats()),
  };
}
