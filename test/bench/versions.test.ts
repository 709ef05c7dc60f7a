import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../e2e/tiao.js";

describe("docs/benchmarks.md", () => {
  it("names the versions of the rule engines that package.json pins", () => {
    const manifest = JSON.parse(readFileSync(join(repositoryRoot, "package.json"), "utf8")) as { devDependencies: { [name: string]: string } };
    const documentation = readFileSync(join(repositoryRoot, "docs", "benchmarks.md"), "utf8");
    const engines = [
      { name: "json-rules-engine", written: /\*\*json-rules-engine\*\* ([0-9.]+)/u },
      { name: "@gorules/zen-engine", written: /\*\*GoRules ZEN\*\* \(`@gorules\/zen-engine`\) ([0-9.]+)/u },
      { name: "json-logic-js", written: /\*\*json-logic-js\*\* ([0-9.]+)/u },
    ];
    for (const { name, written } of engines) {
      expect(written.exec(documentation)?.[1], name).toBe(manifest.devDependencies[name]);
    }
  });
});
