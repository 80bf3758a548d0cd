import { defineConfig } from "vitest/config";

/** `npm run test:stress`: the slow loops (builds raced and killed in separate processes). */
export default defineConfig({
  test: {
    include: ["test/stress/**/*.test.ts"],
    testTimeout: 900_000,
    pool: "forks",
    // One file at a time: the shutdown test times a stop, which a parallel race loop would slow.
    fileParallelism: false,
  },
});
