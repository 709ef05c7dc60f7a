#!/usr/bin/env node
// Launcher for the `tiao` command; the CLI itself is bundled from bin/*.ts into dist/cli/ (npm run build).
import { main } from "../dist/cli/tiao.mjs";

process.exitCode = await main(process.argv.slice(2));
