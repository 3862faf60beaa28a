import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // tests/renderer runs renderer code; files needing a DOM say `// @vitest-environment happy-dom`.
    include: ['tests/unit/**/*.test.ts', 'tests/renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Tests that spawn bin/shance.mjs run before `npm run build`: they run the sources, never an old build.
    env: { SHANCE_FROM_SOURCE: '1' },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
