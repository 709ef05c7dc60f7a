/**
 * The service's diagnostics are the CLI's: compile() as the CLI calls it (quotes checked
 * against the notice once the policy has no other error), on the real policies and on
 * broken versions of them, also after edits that keep the parse of unchanged files.
 */
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { createLanguageService } from "../../compiler/service/index.js";
import { edited, exampleFolders, lanzhou, lanzhouFolder, readPolicy, serviceFor } from "./support.js";

function cliDiagnostics(policy: ReturnType<typeof lanzhou>) {
  return compile(policy.sources, { readNotice: () => policy.notice, ...(policy.amended === undefined ? {} : { amended: policy.amended }) });
}

describe("diagnostics", () => {
  test.each([lanzhouFolder, ...exampleFolders()])("%s compiles without diagnostics, with its program", (folder) => {
    const policy = readPolicy(folder);
    const service = serviceFor(policy);
    expect(service.diagnostics()).toEqual(cliDiagnostics(policy).diagnostics);
    expect(service.diagnostics()).toEqual([]);
    expect(service.program()).toEqual(cliDiagnostics(policy).program);
  });

  const m4 = `${lanzhouFolder}/m4.tiao`;
  const breakages: [string, string, string][] = [
    ["a misspelt parameter", "round(ui_benefit_standard *", "round(ui_benefit_standrd *"],
    ["a syntax error", "output unemployment_subsidy_monthly: money", "output unemployment_subsidy_monthly: money +"],
    ["a quote not in the notice", "失业补助金标准按照兰州市失业保险金的80%确定", "失业补助金标准按照兰州市失业保险金的90%确定"],
  ];

  test.each(breakages)("%s gives the CLI's diagnostics, and no program", (_, from, to) => {
    const broken = edited(lanzhou(), m4, from, to);
    const service = createLanguageService();
    service.setFiles(lanzhou().sources, { notice: lanzhou().notice });
    service.setFiles(broken.sources, { notice: broken.notice });
    const expected = cliDiagnostics(broken);
    expect(expected.diagnostics.length).toBeGreaterThan(0);
    expect(service.diagnostics()).toEqual(expected.diagnostics);
    expect(service.program()).toBeUndefined();
    service.setFiles(lanzhou().sources, { notice: lanzhou().notice });
    expect(service.diagnostics()).toEqual([]);
    expect(service.program()).toBeDefined();
  });

  test("without the notice, quotes are not checked, as the CLI does for a policy that names none", () => {
    const broken = edited(lanzhou(), m4, breakages[2]?.[1] ?? "", breakages[2]?.[2] ?? "");
    const service = createLanguageService();
    service.setFiles(broken.sources);
    expect(service.diagnostics()).toEqual(compile(broken.sources).diagnostics);
    expect(service.program()).toBeDefined();
  });
});
