/** Part 2 of the property of every command on mutated policies (test/fuzz/cli-property.ts). */
import { cliSuite } from "./cli-property.js";

cliSuite(2, 5);
