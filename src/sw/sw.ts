/// <reference lib="webworker" />
// The service worker (built by vite-plugin-pwa, injectManifest): precaches the app shell, the
// worker bundles and ONNX Runtime's files so the app starts offline, and serves them with the
// cross-origin isolation and security headers, so the app is isolated and under its Content
// Security Policy even on a host that cannot send them.
// Model files are not its business: transformers.js caches those itself (Cache Storage).
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { withIsolationHeaders } from './isolationHeaders.ts';
import { modelOrigins, securityHeaders } from './securityHeaders.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

const SECURITY_HEADERS = securityHeaders({ modelOrigins: modelOrigins(import.meta.env.VITE_MODEL_HOST as string | undefined) });
addPlugins([{ handlerWillRespond: async ({ response }) => withIsolationHeaders(response, SECURITY_HEADERS) }]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page URL (`/?model=…`) is the single-page app; /models/ stays with the server (MODELS_DIR).
const modelsPath = new URL('models/', self.registration.scope).pathname;
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [new RegExp(`^${modelsPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)],
  }),
);

// A new deployment waits until the page, having checked that nothing is in progress, says so.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first install takes over the open page at once; the page then reloads once to be isolated.
clientsClaim();
