/**
 * The help texts of the `tiao` command. Kept apart from the commands so that
 * `--help` and usage errors load nothing else.
 */
export const commandNames = ["check", "compile", "run", "explain", "test", "fmt", "diff", "lsp"] as const;

export type CommandName = (typeof commandNames)[number];

export function isCommandName(name: string): name is CommandName {
  return (commandNames as readonly string[]).includes(name);
}

const policyNote = "<policy> is a .tiao file or a folder of .tiao files (read non-recursively).";

export const mainUsage = `usage: tiao <command> <policy> [options]

commands:
  check <policy>                    report problems in a policy
  compile <policy> --out <dir>      generate TypeScript, JavaScript or JSON Schema
  run <policy> --scenario <file>    evaluate the measures for one scenario
  run <policy> --scenarios <file> --out <file>
                                    the same for a file of scenarios, one per line
  explain <policy> --scenario <file>
                                    the same evaluation as a report to read and check
  test <policy>                     run the tests in the policy's tests/ folder
  fmt <policy>                      rewrite policy files in canonical form
  diff <old> <new>                  what a new version of a policy changes, for whom,
                                    with a witness or a proof, and its impact
  lsp                               a language server for editors, over standard input and output

options:
  --help       show this help, or a command's help after its name
  --version    show the version of tiao

${policyNote}`;

export const commandUsage: Readonly<Record<CommandName, string>> = {
  check: `usage: tiao check <policy>

Reports every problem in the policy, then a summary line.
Exit status: 0 when there is no error (warnings allowed), 1 otherwise.

${policyNote}`,

  compile: `usage: tiao compile <policy> --out <dir> [--target ts|js|schema|sql] [--dialect duckdb|postgres] [--runtime <specifier>] [--lang en]

Writes, named after the policy:
  --target ts       <name>.ts (the default)
  --target js       <name>.js and <name>.d.ts
  --target schema   <name>.scenario.schema.json and <name>.outputs.schema.json
  --target sql      tiao-setup.sql, one <measure>.sql per measure and tiao-results.sql,
                    for --dialect duckdb or postgres (docs/sql.md)
--runtime sets the module generated code imports its runtime from (default: tiao/runtime).
--lang en gives the doc comments of ts and js the policy's English labels (label en "…").
Nothing is written when the policy has errors (exit status 1).

${policyNote}`,

  run: `usage: tiao run <policy> --scenario <file.json> [--measure <name>]... [--explain [--lang en|zh]]
       tiao run <policy> --scenarios <file.ndjson> --out <file.ndjson> [--measure <name>]... [--jobs <n>]
       tiao run <policy> --scenarios <file> --out <file> --engine duckdb [--measure <name>]... [--jobs <n>]

Prints the outputs of each measure the scenario has the facts for, as JSON.
  --scenario <file>   the scenario (- reads it from standard input)
  --measure <name>    only this measure (repeatable); its missing facts are errors;
                      with --scenario, <measure>.<output> (m4.total) gives only that
                      output and in_force, computing only what they read
  --explain           add why each output has its value, under the key "explain"
  --lang en|zh        with --explain: the language of its sentences (default: Chinese
                      for a policy whose title is Chinese, else English)
  --scenarios <file>  a file of scenarios, one JSON object per line (- for standard input),
                      evaluated by the compiled policy; blank lines are skipped
  --out <file>        with --scenarios: where to write one line of results per scenario,
                      in order (- for standard output); a scenario that is bad or cannot
                      be evaluated gives {"line": N, "errors": [...]} or
                      {"line": N, "evaluation_error": "..."} and the run goes on
  --jobs <n>          with --scenarios: the threads evaluating scenarios, at most 4 per
                      processor (default: one per processor, up to 4; one for a file
                      under 4 MB)
  --engine duckdb     with --scenarios: evaluate inside an embedded DuckDB, with the SQL
                      of \`tiao compile --target sql\`; scenarios and results are NDJSON,
                      CSV or Parquet by the file's extension (docs/sql.md); --jobs sets
                      DuckDB's threads
Exit status: 0 ok, 1 the policy has errors, 2 bad scenario or arguments,
3 the policy cannot evaluate this scenario; with --scenarios, 2 when any scenario
is bad, else 3 when any cannot be evaluated.

${policyNote}`,

  explain: `usage: tiao explain <policy> --scenario <file.json> [--measure <name>]... [--lang en|zh]

Prints, measure by measure, whether it is in force on the date and the words that set
its window, and for each output its value, the rule that decided it with the words of
the document it cites, the formula with the value of each name (item by item for a
list, step by step for dates), the notes, and the facts and parameters it used; then
the sentences of the measure the policy does not compute.
  --scenario <file>   the scenario (- reads it from standard input)
  --measure <name>    only this measure (repeatable); its missing facts are errors;
                      with --scenario, <measure>.<output> (m4.total) gives only that
                      output and in_force, computing only what they read
  --lang en|zh        the language of the report (default: Chinese for a policy whose
                      title is Chinese, else English)
Exit status: 0 ok, 1 the policy has errors, 2 bad scenario or arguments,
3 the policy cannot evaluate this scenario.

${policyNote}`,

  test: `usage: tiao test <policy>

Runs every tests/*.json file beside the policy and reports each test.
Exit status: 0 when all pass, 1 when one fails or the policy has errors.

${policyNote}`,

  fmt: `usage: tiao fmt <policy> [--check]

Rewrites the policy's files in canonical form and lists those it changed.
  --check   change nothing; list the files not in canonical form (exit status 1 if any)

${policyNote}`,

  diff: `usage: tiao diff <old> <new> [--format text|markdown|json] [--population <file.ndjson>] [--exit-code] [--seed <n>]

Compares two versions of a policy: the semantic changes grouped by measure, each
classified (breaks integrations, changes outcomes, editorial); for whom outcomes may
differ; per output of a changed measure, a witness scenario or a proof that none exists;
the impact of the change on the policy's tests and scenarios and on a population.
Formatting, comments and the names and order of files make no change.
  --format <f>          text (default; coloured on a terminal), markdown, or json
  --population <file>   scenarios to measure the impact on, one JSON object per line
                        (default: 1000 generated boundary and random cases)
  --exit-code           exit 4 when a witness shows that outcomes change
  --seed <n>            seeds the bounded search and the generated population (default 1)
Exit status: 0 when the diff ran, 1 when a version has errors, 2 bad arguments,
4 with --exit-code when outcomes change.

<old> and <new> are each a .tiao file or a folder of .tiao files, or git:<rev>:<path>
to read one from the history of the git repository of the current folder.`,

  lsp: `usage: tiao lsp [--stdio]

A Language Server Protocol server for editors, speaking over standard input and output
(--stdio, which editors pass, is the only transport): diagnostics, completion, hover,
go to definition, find references, rename, quick fixes and formatting. A document
belongs to the policy of its folder: the other .tiao files there are read from disk
unless the editor has them open, and quotes are checked against the notice the header
names, as tiao check does.
Exit status: 0 after the editor's shutdown and exit, 1 on exit without shutdown.`,
};
