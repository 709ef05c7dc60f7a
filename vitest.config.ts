import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", ".tmp/**"],
    // Property tests and the type-checks of generated code take longer than unit tests.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The built package (dist/) runs under Node's own loader, as it does for users: the
    // command compiles a policy and imports its code natively, and both must share one
    // runtime module (test/fuzz/cli.ts drives the built command in-process).
    // So does generated code a test writes under .tmp/native/, importing the built runtime.
    server: { deps: { external: [/\/dist\//, /\/\.tmp\/native\//] } },
  },
});
