import { defineConfig } from 'vitest/config';

// Tests mirror src/: test/<path of the module>.test.ts. Those that run a real model through the
// real runtime end in .model.test.ts and get the long timeouts; e2e/ holds the browser tests.
const MODEL_TESTS = 'test/**/*.model.test.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [MODEL_TESTS, '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'node',
          include: [MODEL_TESTS],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
