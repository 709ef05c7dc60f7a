/**
 * Child process of the compilation benchmark: compiles the policy once, in a fresh Node
 * process, and prints the timings as JSON. `sinceStartMs` counts from the process's start
 * (Node's own start-up included); `compileMs` is the first compile and emit alone, with
 * the compiler's modules loaded but not yet optimised by the JIT.
 */
import { compilePolicyText, emitJavaScript, POLICY_FOLDER, readPolicyText } from "./policy.js";

await import("../compiler/compile.js");
await import("../compiler/emit/typescript.js");
const text = readPolicyText(POLICY_FOLDER);
const loadedMs = performance.now();
const program = await compilePolicyText(text);
await emitJavaScript(program);
const doneMs = performance.now();
process.stdout.write(`${JSON.stringify({ loadedMs, compileMs: doneMs - loadedMs, sinceStartMs: doneMs })}\n`);
