import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startServiceWorker } from './pwa/serviceWorkerClient.ts';
import { settingsFromUrl } from './state/urlSettings.ts';
import { TranscriptionController } from './state/transcriptionController.ts';
import { App } from './ui/App.tsx';
import { ControllerContext } from './ui/controllerContext.ts';
import './ui/app.css';

const controller = new TranscriptionController();
void controller.loadModel(settingsFromUrl(location.search));
startServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
);
