/**
 * The `tiao` command as a bundle (`npm run build`, after tsc): bin/main.ts and everything
 * it imports, the parser library included, in dist/cli/. Loading a few bundled files is
 * much faster than resolving and loading the hundreds of modules of the parser library.
 * Each command stays a chunk of its own, imported on demand, so that a command only loads
 * what it uses (a program found in the cache needs no parser).
 */
import { defineConfig } from "rolldown";

export default defineConfig({
  input: { tiao: "bin/main.ts" },
  platform: "node",
  // z3 loads its WebAssembly from beside its own files, DuckDB its native library: they stay
  // packages, loaded by `tiao diff` and `tiao run --engine duckdb` only.
  external: ["z3-solver", /^@duckdb\//],
  output: {
    // One level below dist/, as dist/bin/ is: modules find the package's manifest and the
    // built runtime (dist/runtime/) at the same relative paths.
    dir: "dist/cli",
    format: "esm",
    entryFileNames: "[name].mjs",
    chunkFileNames: "[name]-[hash].mjs",
    sourcemap: true,
    cleanDir: true,
  },
});
