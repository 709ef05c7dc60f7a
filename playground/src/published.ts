/**
 * The published policy, read from the repository at build time: its .tiao files, its
 * notice, its example scenarios and its tests. The page never keeps a copy of them.
 */
import type { PolicyFile } from "./protocol.js";

const FOLDER = "policies/lanzhou-2021-289";

function files(glob: Record<string, string>): PolicyFile[] {
  return Object.entries(glob)
    .map(([key, text]) => ({ path: key.replace(/^(\.\.\/)+/u, ""), text }))
    .sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }));
}

const sources = import.meta.glob<string>("../../policies/lanzhou-2021-289/*.tiao", { query: "?raw", import: "default", eager: true });
const notices = import.meta.glob<string>("../../policies/lanzhou-2021-289/notice.txt", { query: "?raw", import: "default", eager: true });
const scenarios = import.meta.glob<string>("../../policies/*/scenarios/*.json", { query: "?raw", import: "default", eager: true });
const tests = import.meta.glob<string>("../../policies/lanzhou-2021-289/tests/*.json", { query: "?raw", import: "default", eager: true });

export const publishedPolicy = {
  folder: FOLDER,
  files: files(sources),
  notice: Object.values(notices)[0] ?? "",
  scenarios: files(scenarios).filter((file) => file.path.startsWith(`${FOLDER}/`)),
  tests: files(tests),
} as const;

/** Example scenarios to load: the policy's scenarios, then the scenario of each test. */
export interface ExampleScenario {
  readonly label: string;
  readonly text: string;
}

let examples: readonly ExampleScenario[] | undefined;

/** Read once: the tests are many, and the case panel is drawn often. */
export function exampleScenarios(): readonly ExampleScenario[] {
  examples ??= readExampleScenarios();
  return examples;
}

function readExampleScenarios(): ExampleScenario[] {
  const fromScenarios = publishedPolicy.scenarios.map((file) => ({ label: file.path.slice(FOLDER.length + 1), text: file.text }));
  const fromTests = publishedPolicy.tests.flatMap((file) => {
    try {
      const test = JSON.parse(file.text) as { name?: unknown; scenario?: unknown };
      if (typeof test.name !== "string" || typeof test.scenario !== "object" || test.scenario === null) return [];
      return [{ label: `tests/${file.path.split("/").pop() ?? ""} — ${test.name}`, text: `${JSON.stringify(test.scenario, null, 2)}\n` }];
    } catch {
      return [];
    }
  });
  return [...fromScenarios, ...fromTests];
}
