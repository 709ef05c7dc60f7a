/**
 * Test files of a policy (`tests/*.json` beside it), read strictly: a typo in a key must
 * not turn into a test that asserts nothing. Every problem names its JSON path.
 *
 * {
 *   "name": "…", "cites"?: "§4 …",
 *   "scenario": { …a scenario… },
 *   "measures"?: ["m4"],
 *   "expected"?: { "m4": { "output": value, … } },
 *   "expected_error"?: { "exit": 2, "paths"?: ["person.insured_months"] }
 * }
 */
import { shortened } from "../compiler/diagnostics/printable.js";
import type { ProgramIR } from "../compiler/ir.js";
import type { OutputJson } from "../runtime/index.js";
import { isJsonArray, isJsonObject, JsonNumber, parseJson, type JsonValue } from "../runtime/json.js";

export interface TestCase {
  readonly name: string;
  readonly cites?: string;
  /** the scenario's JSON text, numbers exactly as written in the test file */
  readonly scenarioText: string;
  readonly measures?: readonly string[];
  readonly expectation: Expectation;
}

export type Expectation =
  /** expected outputs, by measure then output: a subset of the result */
  | { readonly kind: "outputs"; readonly outputs: ReadonlyMap<string, ReadonlyMap<string, OutputJson>> }
  /** the exit status of `tiao run`: 2 for bad input (at exactly `paths`, when given), 3 for an evaluation error */
  | { readonly kind: "error"; readonly exit: ExpectedExit; readonly paths?: readonly string[] };

export type ExpectedExit = 2 | 3;

export interface TestFileProblem {
  /** JSON path in the test file; "(json)" for the document as a whole */
  readonly path: string;
  readonly message: string;
}

export type TestFileResult =
  | { readonly ok: true; readonly test: TestCase }
  | { readonly ok: false; readonly name?: string; readonly problems: readonly TestFileProblem[] };

const KEYS = ["name", "cites", "scenario", "measures", "expected", "expected_error"];

export function readTestFile(text: string, program: ProgramIR): TestFileResult {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return { ok: false, problems: [{ path: "(json)", message: `line ${parsed.line}, column ${parsed.column}: ${parsed.message}` }] };
  }
  const root = parsed.value;
  if (!isJsonObject(root)) return { ok: false, problems: [{ path: "(json)", message: "expected an object with name, scenario and expected" }] };
  const problems: TestFileProblem[] = [];
  // A path holds the test file's keys, which may be of any length.
  const problem = (path: string, message: string): undefined => {
    problems.push({ path: shortened(path), message });
    return undefined;
  };

  for (const key of Object.keys(root)) {
    if (!KEYS.includes(key)) problem(key, `unknown key: expected one of ${KEYS.join(", ")}`);
  }
  const name = readString(root["name"], "name", true, problem);
  const cites = readString(root["cites"], "cites", false, problem);
  const scenario = root["scenario"];
  if (scenario === undefined) problem("scenario", "missing: the scenario of the test is required");
  else if (!isJsonObject(scenario)) problem("scenario", "expected an object: a scenario with its date and facts");
  const measures = readMeasures(root["measures"], program, problem);
  const expectation = readExpectation(root, program, problem);

  if (problems.length > 0 || name === undefined || scenario === undefined || expectation === undefined) {
    return { ok: false, ...(name === undefined ? {} : { name }), problems };
  }
  return {
    ok: true,
    test: {
      name,
      ...(cites === undefined ? {} : { cites }),
      scenarioText: jsonText(scenario),
      ...(measures === undefined ? {} : { measures }),
      expectation,
    },
  };
}

type Problem = (path: string, message: string) => undefined;

function readString(json: JsonValue | undefined, path: string, required: boolean, problem: Problem): string | undefined {
  if (json === undefined) return required ? problem(path, "missing: a string is required") : undefined;
  if (typeof json !== "string" || json.trim() === "") return problem(path, "expected a non-empty string");
  return json;
}

function readMeasures(json: JsonValue | undefined, program: ProgramIR, problem: Problem): string[] | undefined {
  if (json === undefined) return undefined;
  if (!isJsonArray(json) || json.length === 0) return problem("measures", 'expected a non-empty list of measure names, such as ["m4"]');
  const names: string[] = [];
  json.forEach((item, i) => {
    if (typeof item !== "string") problem(`measures[${i}]`, "expected a measure name");
    else if (!hasMeasure(program, item)) problem(`measures[${i}]`, `the policy has no measure ${JSON.stringify(shortened(item))}`);
    else names.push(item);
  });
  return names;
}

function readExpectation(root: { readonly [key: string]: JsonValue }, program: ProgramIR, problem: Problem): Expectation | undefined {
  const expected = root["expected"];
  const expectedError = root["expected_error"];
  if (expected !== undefined && expectedError !== undefined) {
    return problem("expected_error", "a test expects either outputs (expected) or an error (expected_error), not both");
  }
  if (expected !== undefined) return readExpectedOutputs(expected, program, problem);
  if (expectedError !== undefined) return readExpectedError(expectedError, problem);
  return problem("expected", "missing: a test must expect outputs (expected) or an error (expected_error)");
}

function readExpectedOutputs(json: JsonValue, program: ProgramIR, problem: Problem): Expectation | undefined {
  if (!isJsonObject(json) || Object.keys(json).length === 0) {
    return problem("expected", 'expected outputs by measure, such as { "m4": { "in_force": true } }');
  }
  const outputs = new Map<string, Map<string, OutputJson>>();
  for (const [measureName, measureJson] of Object.entries(json)) {
    const path = `expected.${measureName}`;
    const measure = program.measures.find((m) => m.name === measureName);
    if (measure === undefined) {
      problem(path, `the policy has no measure ${JSON.stringify(shortened(measureName))}`);
    } else if (!isJsonObject(measureJson) || Object.keys(measureJson).length === 0) {
      problem(path, `expected the outputs of ${measureName} by name, such as { "in_force": true }`);
    } else {
      const known = ["in_force", ...measure.outputs];
      const values = new Map<string, OutputJson>();
      for (const [output, value] of Object.entries(measureJson)) {
        if (known.includes(output)) values.set(output, plainJson(value));
        else problem(`${path}.${output}`, `${measureName} has no output ${JSON.stringify(shortened(output))} (it has ${known.join(", ")})`);
      }
      outputs.set(measureName, values);
    }
  }
  return { kind: "outputs", outputs };
}

function readExpectedError(json: JsonValue, problem: Problem): Expectation | undefined {
  if (!isJsonObject(json)) return problem("expected_error", 'expected an object such as { "exit": 2, "paths": ["date"] }');
  for (const key of Object.keys(json)) {
    if (key !== "exit" && key !== "paths") problem(`expected_error.${key}`, "unknown key: expected exit or paths");
  }
  const exit = json["exit"];
  const exitStatus = exit instanceof JsonNumber && (exit.text === "2" || exit.text === "3") ? (Number(exit.text) as ExpectedExit) : undefined;
  if (exitStatus === undefined) {
    return problem("expected_error.exit", "expected 2 (bad scenario) or 3 (evaluation error)");
  }
  const paths = json["paths"];
  if (paths === undefined) return { kind: "error", exit: exitStatus };
  if (exitStatus !== 2) return problem("expected_error.paths", "only a bad scenario (exit 2) has problem paths");
  if (!isJsonArray(paths) || paths.length === 0 || !paths.every((p): p is string => typeof p === "string")) {
    return problem("expected_error.paths", 'expected a non-empty list of scenario paths, such as ["person.insured_months"]');
  }
  return { kind: "error", exit: exitStatus, paths };
}

function hasMeasure(program: ProgramIR, name: string): boolean {
  return program.measures.some((m) => m.name === name);
}

/** An expected value as plain JSON, to compare with formatted outputs. */
function plainJson(json: JsonValue): OutputJson {
  if (json instanceof JsonNumber) return Number(json.text);
  if (isJsonArray(json)) return json.map(plainJson);
  if (isJsonObject(json)) return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, plainJson(value)]));
  return json;
}

/** JSON text of a parsed value, each number exactly as it was written. */
function jsonText(json: JsonValue): string {
  if (json instanceof JsonNumber) return json.text;
  if (isJsonArray(json)) return `[${json.map(jsonText).join(",")}]`;
  if (isJsonObject(json)) {
    return `{${Object.entries(json)
      .map(([key, value]) => `${JSON.stringify(key)}:${jsonText(value)}`)
      .join(",")}}`;
  }
  return JSON.stringify(json);
}
