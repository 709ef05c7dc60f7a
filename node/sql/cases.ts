/**
 * Reading a file of scenarios (NDJSON, the format of `tiao run --scenarios`) into the case
 * files of the SQL target (node/sql/case-files.ts). Lines are read and checked exactly as the
 * Node engine reads them (bin/population.ts, runtime/scenario.ts): a line that cannot be read
 * (or, with measures asked for by name, lacks one of their facts) keeps the line the Node
 * engine writes for it, and the other lines go on.
 */
import { Writable } from "node:stream";
import type { ProgramIR } from "../../compiler/ir.js";
import { missingFactProblems, problemLine } from "../../compiler/evaluate-scenario.js";
import type { Dialect } from "../../compiler/sql/dialect.js";
import { readScenario } from "../../runtime/index.js";
import { evaluateBlock, streamPopulation, type PopulationProgress } from "../../bin/population.js";
import { CaseFiles } from "./case-files.js";

export interface CasesRead {
  readonly files: CaseFiles;
  /** non-blank lines */
  readonly scenarios: number;
  /** lines that could not be read, or not laid out as rows */
  readonly badInput: number;
}

const REJECTED_LINE = /^\{"line":([0-9]+),/;

export async function readScenarioLines(
  program: ProgramIR,
  input: AsyncIterable<Buffer>,
  folder: string,
  dialect: Dialect,
  onProgress?: (progress: PopulationProgress) => void,
  measures?: readonly string[],
): Promise<CasesRead> {
  const files = new CaseFiles(program, folder, dialect);
  let rows = 0;
  const evaluateLine = (text: string, lineNumber: number) => {
    const read = readScenario(text, program.schema);
    if (!read.ok) return { kind: "bad_input" as const, problems: read.errors.map(problemLine) };
    // measures asked for by name: a scenario without one of their facts is bad input, as for the Node engine
    const missing = measures === undefined ? [] : missingFactProblems(program, read.scenario, measures);
    if (missing.length > 0) return { kind: "bad_input" as const, problems: missing.map(problemLine) };
    const problems = files.add(lineNumber, read.scenario);
    if (problems.length > 0) return { kind: "bad_input" as const, problems };
    rows++;
    return { kind: "evaluated" as const, json: "" };
  };
  const summary = await streamPopulation(
    input,
    discard,
    {
      inFlight: 1,
      evaluate: async (block) => {
        const result = evaluateBlock(block, evaluateLine);
        // every line but those of rows is the line the results keep for a scenario not read
        for (const line of result.text.split("\n")) {
          const rejected = REJECTED_LINE.exec(line);
          if (rejected !== null) files.reject(Number(rejected[1]), line);
        }
        await files.flush();
        return { ...result, text: "" };
      },
    },
    onProgress,
  );
  await files.close();
  if (rows + summary.badInput !== summary.scenarios) throw new Error("a scenario was neither laid out nor rejected");
  return { files, scenarios: summary.scenarios, badInput: summary.badInput };
}

const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
