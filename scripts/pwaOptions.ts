import type { VitePWAOptions } from 'vite-plugin-pwa';

// The largest precached file is ONNX Runtime's .wasm (about 26 MiB); Workbox's default limit is 2 MiB.
const MAX_PRECACHED_FILE_BYTES = 40 * 1024 * 1024;

/**
 * vite-plugin-pwa: the web app manifest, and the service worker built from src/sw/sw.ts with the
 * build's files injected as its precache list. The page registers it itself
 * (src/features/offline/serviceWorkerClient.ts), in production builds only.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  strategies: 'injectManifest',
  srcDir: 'src/sw',
  filename: 'sw.ts',
  injectRegister: false,
  manifest: {
    name: 'In-page Transcriber',
    short_name: 'Transcriber',
    description: 'Transcribes speech from audio and video files entirely in your browser: nothing is uploaded.',
    lang: 'en',
    start_url: '.',
    scope: '.',
    display: 'standalone',
    theme_color: '#1f2937',
    background_color: '#1f2937',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  injectManifest: {
    // A classic script: module service workers are not available in every browser yet.
    rollupFormat: 'iife',
    // The web manifest and its icons are added by the plugin itself.
    globPatterns: ['**/*.{html,js,mjs,css,wasm}'],
    maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES,
  },
  devOptions: { enabled: false },
};
