/** Part 1 of the property of random well-typed policies (test/fuzz/well-typed.ts). */
import { wellTypedSuite } from "./well-typed.js";

wellTypedSuite(1, 4);
