/**
 * The library API of tiao, `import { … } from "tiao"`: every name here is public and kept
 * stable; everything else in compiler/ is internal. Browser-safe (no Node API): compile a
 * policy from its sources, evaluate scenarios from their JSON exactly as `tiao run` does,
 * explain results, format policy files, render diagnostics as text, and generate code.
 * Reading a policy from disk is Node's part: `import { loadPolicy } from "tiao/node"`.
 * The runtime that generated code imports is `tiao/runtime`.
 */

// Compile: sources → program and diagnostics
export { compile, type CompileOptions, type CompileResult, type Source } from "./compile.js";
export type { ProgramIR } from "./ir.js";
export { hasErrors, type Diagnostic, type DiagnosticLabel, type Severity } from "./diagnostics/diagnostic.js";
export { renderDiagnostic, renderDiagnostics } from "./diagnostics/render.js";

// Evaluate: scenario JSON → the result `tiao run` prints
export {
  evaluateScenario,
  evaluationErrorText,
  problemLine,
  unknownMeasures,
  type ExplanationsJson,
  type ResultJson,
  type ScenarioOutcome,
  type ScenarioRequest,
} from "./evaluate-scenario.js";
export type { EvaluationResult } from "./interpret.js";
export { EvaluationError, type EvaluationErrorCode, type EvaluationLocation, type OutputJson, type ScenarioError } from "../runtime/index.js";

// Explain: why each output has its value
export { explanationText } from "./explain-text.js";
export { explanationLanguages, type ExplanationLanguage } from "./explain-words.js";
export type {
  CallRead,
  CitationReference,
  DefinitionRead,
  Explanation,
  FactRead,
  NotAppliedRule,
  ParameterRead,
  RuleReference,
  SourceReference,
  ValuesRead,
  WindowReport,
} from "./explain.js";

// Format: a policy file in canonical form
export { formatSource, type FormatResult } from "./format/format.js";

// Generate: TypeScript, JavaScript with declarations, JSON Schemas
export { emitJavaScript, emitTypeScript, type EmitOptions } from "./emit/typescript.js";
export { emitJsonSchema } from "./emit/schema.js";
