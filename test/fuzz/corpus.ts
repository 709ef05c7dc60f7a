/**
 * Inputs a fuzzer once failed on, kept as regression cases: test/fuzz/corpus/<property>/,
 * one file per input, replayed before the property's random cases. A text property keeps the
 * text as it is; any other keeps its input as JSON. When a property fails, save the shrunk
 * input fast-check prints under its property's folder, named after the defect. A property
 * whose input is a policy keeps the policy's text, and the scenarios it failed on beside it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const corpusFolder = fileURLToPath(new URL("./corpus", import.meta.url));

function corpusFiles(property: string): string[] {
  const folder = join(corpusFolder, property);
  if (!existsSync(folder)) return [];
  return readdirSync(folder).sort().map((name) => join(folder, name));
}

/** The texts kept for a property whose input is one text. */
export function textCorpus(property: string): string[] {
  return corpusFiles(property).map((file) => readFileSync(file, "utf8"));
}

/** The inputs kept for a property whose input is a JSON value. */
export function jsonCorpus<T>(property: string): T[] {
  return corpusFiles(property).map((file) => JSON.parse(readFileSync(file, "utf8")) as T);
}

/** A policy kept for a property, with the scenarios (JSON values) it once failed on. */
export interface KeptPolicy {
  /** the file's name without `.tiao` */
  readonly name: string;
  readonly text: string;
  readonly scenarios: readonly unknown[];
}

/**
 * The policies kept for a property whose input is a policy: `<defect>.tiao`, with its
 * scenarios in `<defect>.scenarios.json` (a JSON array) when it failed on some.
 */
export function policyCorpus(property: string): KeptPolicy[] {
  return corpusFiles(property)
    .filter((file) => file.endsWith(".tiao"))
    .map((file) => {
      const scenarios = file.replace(/\.tiao$/, ".scenarios.json");
      return {
        name: basename(file, ".tiao"),
        text: readFileSync(file, "utf8"),
        scenarios: existsSync(scenarios) ? (JSON.parse(readFileSync(scenarios, "utf8")) as unknown[]) : [],
      };
    });
}
