/** Part 1 of the policies on hostile scenarios (test/fuzz/hostile-property.ts). */
import { hostileSuite } from "./hostile-property.js";

hostileSuite(1, 2);
