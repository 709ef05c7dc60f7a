/**
 * What the example draft changes in the published policy, and the draft in both its forms:
 * policies/lanzhou-2021-289-draft/ is an amendment (`amends "../lanzhou-2021-289"`) that states
 * only these changes, and `fullDraft` is the published policy's files with exactly these
 * edits, as a whole new version would be written. test/diff/draft.test.ts checks that the two
 * compile to the same program, and that the draft's README lists these changes. Each edit
 * replaces text that must occur once in its file, so a change of the published policy that
 * touches an edited place stops the test instead of comparing with another draft.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const publishedFolder = "policies/lanzhou-2021-289";
export const draftFolder = "policies/lanzhou-2021-289-draft";

interface Edit {
  readonly file: string;
  readonly why: string;
  readonly replace: string;
  readonly with: string;
}

const draftWarning = "# 示例草案（example draft, not law）：用于演示 tiao diff 的修订稿，不是正式发布的文件。\n";

export const draftEdits: readonly Edit[] = [
  {
    file: "policy.tiao",
    why: "the header says the draft is an example, not law",
    replace: `  version  "1.0.0"`,
    with: `  version  "1.1.0-draft (示例草案，非正式文件)"`,
  },
  {
    file: "parameters.tiao",
    why: "§3: the work-based training subsidy is raised to 600 yuan a month",
    replace: `  value 500 yuan from 2021-10-01\n    source §3`,
    with: `  value 600 yuan from 2021-10-01\n    source §3`,
  },
  {
    file: "m3.tiao",
    why: "§3: the subsidy runs until 2022-03-31: up to 6 training months per person (October 2021 to March 2022), not 3",
    replace: `sum(min(t.months, 3 months) for t in enterprise.trainees`,
    with: `sum(min(t.months, 6 months) for t in enterprise.trainees`,
  },
  {
    file: "parameters.tiao",
    why: "§2: the SME refund rate is 90% from 2022-01-01, a new dated value",
    replace: `  value 60%\n    source §2 "对符合条件的大型企业、中小微企业分别按30%和60%的标准顶格返还"\n    note "本通知所定数字：措施有效之日均适用（有效期随疫情期间，情景可覆盖），故不写起始日期：任何评估日均可读取"\n`,
    with:
      `  value 60%\n    source §2 "对符合条件的大型企业、中小微企业分别按30%和60%的标准顶格返还"\n    note "本通知所定数字：措施有效之日均适用（有效期随疫情期间，情景可覆盖），故不写起始日期：任何评估日均可读取"\n` +
      `  value 90% from 2022-01-01\n    source "示例草案：中小微企业返还比例自2022年1月1日起提高至90%（示例，非正式文件）"\n`,
  },
  {
    file: "m4.tiao",
    why: "§4: migrant workers insured less than 18 months (not 12) get the living subsidy",
    replace: `person.insured_months < 1 year`,
    with: `person.insured_months < 18 months`,
  },
  {
    file: "m2.tiao",
    why: "the wording of one note is fixed",
    replace: `由情景给出"`,
    with: `由情景提供"`,
  },
];

/** The README of the draft's folder: what it is, and the changes it states. */
export const draftReadme = `# 兰人社发〔2021〕289号 — example draft amendment (示例草案，非正式文件)

**This is an example draft, not law.** No authority has issued it. It exists to show what
\`tiao diff\` tells a reviewer about a new version of a policy:

\`\`\`
tiao diff ${publishedFolder} ${draftFolder}
\`\`\`

It is an amendment of the published policy: its header says \`amends "../lanzhou-2021-289"\`,
and its files state only what the draft changes; tiao reads the published policy (its
declarations, its notice) and compiles the two together. The changes:

${draftEdits.map((edit) => `- ${edit.file}: ${edit.why}`).join("\n")}
- every .tiao file starts with a line marking it as an example draft.

test/diff/draft.test.ts checks that the amendment compiles to the same program as the
published policy with exactly these edits (test/diff/lanzhou-draft.ts lists them).
`;

/** The draft as a whole policy: the published policy's .tiao files, by name, with the draft's edits. */
export function fullDraft(root: string): Map<string, string> {
  const folder = join(root, publishedFolder);
  const files = new Map<string, string>();
  for (const name of readdirSync(folder).sort()) {
    if (name.endsWith(".tiao")) files.set(name, readFileSync(join(folder, name), "utf8"));
  }
  for (const edit of draftEdits) {
    const text = files.get(edit.file);
    if (text === undefined) throw new Error(`the published policy has no file ${edit.file}`);
    const at = text.indexOf(edit.replace);
    if (at < 0 || text.indexOf(edit.replace, at + 1) >= 0) {
      throw new Error(`${edit.file}: the text to replace (${edit.why}) must occur exactly once in the published policy`);
    }
    files.set(edit.file, text.replace(edit.replace, () => edit.with));
  }
  for (const [name, text] of files) files.set(name, draftWarning + text);
  return files;
}
