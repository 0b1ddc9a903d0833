import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'tests/electron/**/*.spec.ts', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Serial-port and process tests use real ptys and child processes: keep the machine calm.
    pool: 'forks',
    maxWorkers: 2,
  },
});
