/**
 * The parts of a notice, found from its text alone: the preamble, the numbered measures
 * (一、… 十、) and the closing paragraph. A citation names the part its words are in
 * (`§4`, `§preamble`, `§closing`), and the checker verifies it.
 */

/** A measure's heading: its numeral and its words, on a line of their own. */
export const measureHeading = /^\s*(十[一二三四五六七八九]?|[一二三四五六七八九])、(.*)$/gmu;

const numerals: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 1 for 一, 10 for 十, 11 for 十一 */
export function numberOfNumeral(numeral: string): number {
  if (numeral.length === 1) return numerals[numeral] ?? 0;
  return 10 + (numerals[numeral.slice(1)] ?? 0);
}

/**
 * The other numberings a document may use for its parts, tried when it has no 一、 headings:
 * articles (`第九条`, `第1259条`, as laws and regulations number them) and Arabic numerals
 * (`9.`, `9、`). A citation `§9` names part 9 in the document's own numbering.
 */
const articleHeading = /^\s*第([零〇一二三四五六七八九十百千]+|[0-9]+)条[^\S\n]*(.*)$/gmu;
const arabicHeading = /^\s*([0-9]+)[.．、](?![0-9])[^\S\n]*(.*)$/gmu;

/** 9 for 九, 1259 for 一千二百五十九, 10 for 十, 15 for 十五; Arabic digits as they are */
export function numberOfChineseNumeral(numeral: string): number {
  if (/^[0-9]+$/u.test(numeral)) return Number(numeral);
  const units: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let digit = 0;
  for (const character of numeral) {
    const unit = units[character];
    if (unit === undefined) {
      digit = numerals[character] ?? 0;
      continue;
    }
    // 十 alone at the start is 一十
    total += (digit === 0 ? 1 : digit) * unit;
    digit = 0;
  }
  return total + digit;
}

export interface NoticeHeading {
  readonly number: number;
  /** the heading's words after its numeral */
  readonly words: string;
  readonly start: number;
  readonly bodyStart: number;
}

const numberings = {
  sections: [measureHeading, numberOfNumeral],
  articles: [articleHeading, numberOfChineseNumeral],
  numbers: [arabicHeading, Number],
} as const;

/**
 * The numbered headings of a document: in the numbering given (`sections` 一、, `articles`
 * 第N条, `numbers` N.), or else in the first of these it uses.
 */
export function noticeHeadings(notice: string, numbering?: keyof typeof numberings): NoticeHeading[] {
  for (const [pattern, number] of numbering === undefined ? Object.values(numberings) : [numberings[numbering]]) {
    const found = [...notice.matchAll(pattern)].map((match) => ({
      number: number(match[1] ?? ""),
      words: match[2] ?? "",
      start: match.index ?? 0,
      bodyStart: (match.index ?? 0) + match[0].length,
    }));
    if (found.length > 0) return found;
  }
  return [];
}

/** a measure's number, or the words before the first measure and after the last */
export type NoticePart = number | "preamble" | "closing";

export interface NoticePartRange {
  readonly part: NoticePart;
  /** 0-based UTF-16 offsets in the notice, end exclusive */
  readonly start: number;
  readonly end: number;
}

/**
 * A paragraph ends with a line ending in 。 before a blank line; a line ending otherwise
 * before a blank line was cut by a page break, and its sentence goes on after it.
 */
const paragraphEnd = /。[^\S\n]*\n[^\S\n]*\n/u;

/**
 * The preamble runs to the first heading, each measure to the next heading, and the last
 * measure to the end of its first paragraph: what follows is the closing paragraph (the
 * general duties, contacts, signature and dates that end a notice). A notice without
 * numbered headings has no parts.
 */
export function noticeParts(notice: string, numbering?: keyof typeof numberings): NoticePartRange[] {
  const headings = noticeHeadings(notice, numbering);
  const last = headings.at(-1);
  if (last === undefined) return [];
  const firstWords = last.bodyStart + Math.max(0, notice.slice(last.bodyStart).search(/\S/u));
  const firstParagraph = paragraphEnd.exec(notice.slice(firstWords));
  const lastEnd = firstParagraph === null ? notice.length : firstWords + firstParagraph.index + 1;
  return [
    { part: "preamble", start: 0, end: headings[0]?.start ?? 0 },
    ...headings.map((heading, i) => ({ part: heading.number, start: heading.start, end: headings[i + 1]?.start ?? lastEnd })),
    ...(lastEnd < notice.length ? [{ part: "closing" as const, start: lastEnd, end: notice.length }] : []),
  ];
}
