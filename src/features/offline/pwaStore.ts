import { create } from 'zustand';
import type { Persistence } from './storageFacts.ts';

/** Whether the service worker can serve this app offline. */
export type OfflineSupport =
  | 'starting'
  | 'ready'
  /** The dev server (`npm start`) runs without a service worker, so hot reload keeps working. */
  | 'dev-server'
  | 'unsupported'
  | 'failed';

export interface PwaState {
  readonly offline: OfflineSupport;
  /** Why registration failed, when it did. */
  readonly offlineProblem: string | null;
  /** A new deployment is installed: 'waiting' for this page's go-ahead, or already 'activated' by another tab. */
  readonly update: 'none' | 'waiting' | 'activated';
  /** The page could become cross-origin isolated by a reload, which would clear its transcripts: ask first. */
  readonly isolationReloadOffered: boolean;
  readonly persistence: Persistence;
  /** Why the model that loaded last is not kept for offline use, or null. */
  readonly modelCacheProblem: string | null;
}

export const usePwaStore = create<PwaState>(() => ({
  offline: 'starting',
  offlineProblem: null,
  update: 'none',
  isolationReloadOffered: false,
  persistence: 'unknown',
  modelCacheProblem: null,
}));

const set = usePwaStore.setState;

export const pwaActions = {
  offline(offline: OfflineSupport, offlineProblem: string | null = null): void {
    set({ offline, offlineProblem });
  },
  update(update: PwaState['update']): void {
    set({ update });
  },
  offerIsolationReload(): void {
    set({ isolationReloadOffered: true });
  },
  persistence(persistence: Persistence): void {
    set({ persistence });
  },
  modelCacheProblem(modelCacheProblem: string | null): void {
    set({ modelCacheProblem });
  },
};

/** The offline state in words. */
export function offlineSupportText(state: OfflineSupport, problem: string | null): string {
  switch (state) {
    case 'ready':
      return 'Offline use: ready. The app is stored on this device and starts without a network; cached models work offline.';
    case 'starting':
      return 'Offline use: storing the app on this device…';
    case 'dev-server':
      return 'Offline use: off on the dev server (npm start); the production build (npm run build) works offline.';
    case 'unsupported':
      return 'Offline use: this browser has no service workers, so the app needs the network to start.';
    case 'failed':
      return `Offline use: unavailable, the service worker could not be installed${problem === null ? '' : ` (${problem})`}.`;
  }
}
