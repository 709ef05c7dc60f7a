/**
 * What `tiao run` prints of an outcome (of `evaluateScenario`, or of generated code's
 * `evaluateJson`), for comparing the two: outputs, problems, or an evaluation error's code,
 * message and place in the policy (`--> file:line:column`).
 */
export function printedOutcome(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !("kind" in value)) return value;
  if (value.kind === "evaluated" && "json" in value) return { kind: value.kind, json: JSON.parse(JSON.stringify(value.json)) as unknown };
  if (value.kind === "evaluation_error" && "error" in value && value.error instanceof Error) {
    const location = "location" in value.error ? value.error.location : undefined;
    return { kind: value.kind, code: "code" in value.error ? value.error.code : undefined, message: value.error.message, location };
  }
  return JSON.parse(JSON.stringify(value)) as unknown;
}
