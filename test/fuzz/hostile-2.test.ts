/** Part 2 of the policies on hostile scenarios (test/fuzz/hostile-property.ts). */
import { hostileSuite } from "./hostile-property.js";

hostileSuite(2, 2);
