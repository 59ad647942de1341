import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startServiceWorker } from '../features/offline/serviceWorkerClient.ts';
import { settingsFromUrl } from '../features/model/urlSettings.ts';
import { TranscriptionController } from '../jobs/engineSession.ts';
import { App } from './App.tsx';
import { ControllerContext } from './servicesContext.ts';
import './app.css';

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
