/** The text format is coloured only when asked (a terminal); the three formats print one report. */
import { describe, expect, it } from "vitest";
import { diffPrograms } from "../../compiler/diff/diff.js";
import { renderJson, renderMarkdown, renderText } from "../../compiler/diff/render.js";
import { draftPolicy, programOf, publishedPolicy } from "./support.js";

describe("rendering a diff", async () => {
  const report = await diffPrograms(programOf(publishedPolicy), programOf(draftPolicy), {
    searchCases: 50,
  });

  it("colours the text only when asked", () => {
    const plain = renderText(report);
    const coloured = renderText(report, { colour: true });
    expect(plain).not.toContain("\u001b[");
    expect(coloured).toContain("\u001b[1;33m[changes outcomes]\u001b[0m");
    expect(coloured.replace(/\u001b\[[0-9;]*m/gu, "")).toBe(plain);
  });

  it("gives the same report as JSON", () => {
    expect(JSON.parse(renderJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("names every change in Markdown", () => {
    const markdown = renderMarkdown(report);
    for (const change of report.groups.flatMap((group) => group.changes)) expect(markdown).toContain(`**${change.subject}**`);
  });
});
