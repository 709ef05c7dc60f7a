/**
 * The notice a policy's header names (`notice "notice.txt"`): the text of the document its
 * quotes are checked against. The name is policy text, and a policy may come from anyone:
 * only a regular file inside the policy's folder is read, and only up to a size, so that
 * compiling a policy never reads a file that is not part of it (nor shows a word of one in
 * a diagnostic's help), nor reads from a device without end.
 */
import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { NoticeText } from "../compiler/compile.js";
import { decodeUtf8, readRegularFile } from "./bounded-read.js";
import { describeFileError } from "./policy-files.js";

/** Notices are a few pages (Lanzhou's is 9 kB); 4 MB leaves room for the longest regulation. */
export const MAX_NOTICE_BYTES = 4 << 20;

const help = `put the notice's text in a file inside the policy's folder and name it by its path from there, such as \`notice "notice.txt"\``;

export function readNoticeFile(policyFolder: string, fileName: string): NoticeText {
  if (fileName === "" || isAbsolute(fileName)) return { refused: "a notice is named by its path from the policy's folder", help };
  let path: string;
  let inside: string;
  try {
    // Links followed: the file itself, not only the name of a link to it, must be inside.
    path = realpathSync(resolve(policyFolder, fileName));
    inside = relative(realpathSync(policyFolder), path);
  } catch (error) {
    return { refused: describeFileError(error), help };
  }
  if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return { refused: "it is outside the policy's folder", help };
  }
  const read = readRegularFile(path, MAX_NOTICE_BYTES);
  if (!read.ok) {
    return { refused: read.problem, help: read.tooLarge ? "a notice is the text of one document: keep only that text in the file" : help };
  }
  const decoded = decodeUtf8(read.bytes);
  if (!decoded.ok) return { refused: `it is not UTF-8 text (line ${decoded.line}, column ${decoded.column})`, help: "save the notice as UTF-8 text" };
  // A byte-order mark is not part of the text.
  return decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
}
