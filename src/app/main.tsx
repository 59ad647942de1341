import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { settingsFromUrl } from '../features/model/urlSettings.ts';
import { startServiceWorker } from '../features/offline/serviceWorkerClient.ts';
import { App } from './App.tsx';
import { startServices } from './services.ts';
import './app.css';

const services = startServices();
void services.session.loadModel(settingsFromUrl(location.search));
startServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
