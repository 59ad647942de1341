import { Workbox } from 'workbox-window';
import { useJobStore } from '../../jobs/jobStore.ts';
import { askForPersistentStorage } from './persistentStorage.ts';
import { watchModelCaching } from './modelCacheWatch.ts';
import { errorText } from '../../shared/errorText.ts';
import { pwaActions, usePwaStore } from './pwaStore.ts';
import { isolationReload, pageActivity } from './reloadPolicy.ts';

// Per tab: set before the reload that should make the page cross-origin isolated, so a browser
// that ignores the worker's headers gets one reload, not a loop.
const ISOLATION_RELOAD_TRIED = 'isolation-reload-tried';
// Browsers look for a new service worker on navigations; a tab left open checks this often too.
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

let workbox: Workbox | null = null;
let applyingUpdate = false;

function reloadTried(): boolean {
  try {
    return sessionStorage.getItem(ISOLATION_RELOAD_TRIED) !== null;
  } catch {
    return true; // no sessionStorage: no loop guard, so no automatic reload
  }
}

function setReloadTried(tried: boolean): void {
  try {
    if (tried) sessionStorage.setItem(ISOLATION_RELOAD_TRIED, '1');
    else sessionStorage.removeItem(ISOLATION_RELOAD_TRIED);
  } catch {
    // Without sessionStorage reloadTried() is always true: nothing to record.
  }
}

/**
 * The service worker has just taken control of a page that is not cross-origin isolated: reload
 * it through the worker (which adds COOP/COEP) as soon as that loses nothing, or offer it.
 */
function becomeIsolated(): void {
  const decide = (): boolean => {
    const decision = isolationReload(pageActivity(useJobStore.getState()), reloadTried());
    if (decision === 'wait') return false;
    if (decision === 'reload') reloadForIsolation();
    else if (decision === 'ask') pwaActions.offerIsolationReload();
    return true;
  };
  if (decide()) return;
  const unsubscribe = useJobStore.subscribe(() => {
    if (decide()) unsubscribe();
  });
}

/**
 * Registers the service worker of the production build: it precaches the app (offline use) and
 * adds the cross-origin isolation headers. Updates wait for applyUpdate(); see reloadPolicy.ts.
 */
export function startServiceWorker(): void {
  askForPersistentStorage();
  watchModelCaching();
  if (!('serviceWorker' in navigator)) {
    pwaActions.offline('unsupported');
    return;
  }
  if (!import.meta.env.PROD) {
    pwaActions.offline('dev-server');
    // A worker left by a production build on this origin would serve stale files over HMR.
    void navigator.serviceWorker.getRegistrations().then((registrations) => registrations.forEach((r) => void r.unregister()));
    return;
  }
  if (self.crossOriginIsolated) setReloadTried(false);

  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  workbox = wb;
  wb.addEventListener('waiting', () => pwaActions.update('waiting'));
  wb.addEventListener('controlling', (event) => {
    if (applyingUpdate) location.reload();
    else if (event.isUpdate) pwaActions.update('activated'); // another tab applied it
    else if (!self.crossOriginIsolated) becomeIsolated();
  });
  wb.active.then(
    () => pwaActions.offline('ready'),
    () => {},
  );
  wb.register().then(
    () => setInterval(() => void wb.update(), UPDATE_CHECK_INTERVAL_MS),
    (error: unknown) => pwaActions.offline('failed', errorText(error)),
  );
}

/** Switches to the new deployment and reloads; the caller checks first that nothing is in progress. */
export function applyUpdate(): void {
  if (usePwaStore.getState().update === 'activated' || workbox === null) {
    location.reload();
    return;
  }
  applyingUpdate = true;
  workbox.messageSkipWaiting();
}

/** Reloads the page once so the service worker's headers make it cross-origin isolated. */
export function reloadForIsolation(): void {
  setReloadTried(true);
  location.reload();
}
