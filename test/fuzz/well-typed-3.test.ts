/** Part 3 of the property of random well-typed policies (test/fuzz/well-typed.ts). */
import { wellTypedSuite } from "./well-typed.js";

wellTypedSuite(3, 4);
