// The production build's preview server and one headless Chromium, shared by the tests of one e2e
// file: started before its first test, closed after its last.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startPreviewServer, type LaunchOptions, type Server } from './harness.ts';

export interface PreviewSuite {
  readonly server: Server;
  readonly browser: Browser;
}

export function previewSuite(launch: LaunchOptions = {}): PreviewSuite {
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startPreviewServer();
    browser = await launchBrowser(launch);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The preview suite starts in beforeAll: use it inside a test.');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}
