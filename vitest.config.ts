import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        // Real encrypted SQLite files in temporary folders; never a mock of the database.
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        // Debian's Chromium driven by playwright-core against the built app on the loopback web host.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // The built app must be the sources as they are: refuse a stale dist/ (see the file for why it does not build).
          globalSetup: ['tests/e2e/support/fresh-build.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
