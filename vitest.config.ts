import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and database tests share one machine: run files one by one in a fork each.
    pool: "forks",
    fileParallelism: false,
  },
});
