#!/usr/bin/env node
// Launcher for the `tiao` command; the CLI itself is compiled from bin/*.ts into dist/bin/.
import { main } from "../dist/bin/main.js";

process.exitCode = await main(process.argv.slice(2));
