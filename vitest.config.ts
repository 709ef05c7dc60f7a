import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", ".tmp/**"],
    // Property tests and the type-checks of generated code take longer than unit tests.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
