/**
 * When an error expression may hold an error: a cheap test, TRUE on every row where the
 * error (compiler/sql/expression.ts) is not NULL, so that `CASE WHEN <test> THEN <error> END`
 * is the error itself.
 *
 * An error is a COALESCE of errors, a CASE of errors, a column of errors, a message, or
 * NULL: almost every case has none, yet an engine that evaluates a column by batches
 * (DuckDB) computes each part of it on every row: a COALESCE of k parts that are all NULL
 * goes k times over the rows, each CASE selects its rows. The test is the disjunction of
 * the conditions under which one of the parts can hold a message (a message under
 * `WHEN c THEN` only when `c` holds; a column of errors only when it is not NULL; another
 * error under `WHEN c THEN` when `c` holds and that error may be one), each written once: the siblings of
 * several outputs decided by the same rules conflict under the same conditions, which the
 * test names once. Where the test is all false (in DuckDB, a batch of rows without an
 * error), the error is not computed at all.
 *
 * The test reads the error's SQL as the emitter writes it; anything it does not recognise
 * (a function's result, a list's lambda) is taken as possibly an error on any row, which is
 * always right, and leaves the error as it is.
 */

interface Token {
  readonly kind: "string" | "identifier" | "word" | "open" | "close" | "comma" | "space" | "other";
  readonly text: string;
}

const OPEN: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };

function tokenize(sql: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(c, j);
        if (k < 0) return undefined;
        if (sql[k + 1] === c) j = k + 2;
        else {
          j = k + 1;
          break;
        }
      }
      tokens.push({ kind: c === "'" ? "string" : "identifier", text: sql.slice(i, j) });
      i = j;
    } else if ((c === "-" && sql[i + 1] === "-") || (c === "/" && sql[i + 1] === "*") || c === "$") {
      return undefined; // comments and dollar quotes: left as they are
    } else if (/\s/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /\s/.test(sql[j]!)) j++;
      tokens.push({ kind: "space", text: sql.slice(i, j) });
      i = j;
    } else if (/[A-Za-z0-9_]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j]!)) j++;
      tokens.push({ kind: "word", text: sql.slice(i, j) });
      i = j;
    } else {
      tokens.push({ kind: c in OPEN ? "open" : c === ")" || c === "]" || c === "}" ? "close" : c === "," ? "comma" : "other", text: c });
      i++;
    }
  }
  return tokens;
}

/** For each opening bracket and each CASE, the index of its closing bracket or END. */
function matches(tokens: readonly Token[]): Map<number, number> | undefined {
  const found = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "open" || (t.kind === "word" && t.text === "CASE")) stack.push(i);
    else if (t.kind === "close" || (t.kind === "word" && t.text === "END")) {
      const opened = stack.pop();
      if (opened === undefined) return undefined;
      const o = tokens[opened]!;
      if (o.kind === "open" ? OPEN[o.text] !== t.text : t.text !== "END") return undefined;
      found.set(opened, i);
    }
  }
  return stack.length === 0 ? found : undefined;
}

/** What an error expression is, as far as its guard needs to know. */
type ErrorNode =
  | { readonly kind: "null" }
  | { readonly kind: "message" }
  | { readonly kind: "column"; readonly sql: string }
  | { readonly kind: "first"; readonly parts: readonly ErrorNode[] }
  | { readonly kind: "case"; readonly branches: readonly { readonly condition: string; readonly result: ErrorNode; readonly resultSql: string }[]; readonly otherwise?: ErrorNode }
  | { readonly kind: "other"; readonly sql: string };

class Reader {
  constructor(
    private readonly tokens: readonly Token[],
    private readonly match: ReadonlyMap<number, number>,
  ) {}

  text(from: number, to: number): string {
    return this.tokens
      .slice(from, to)
      .map((t) => t.text)
      .join("")
      .trim();
  }

  /** The range without its spaces at either end. */
  trim(from: number, to: number): [number, number] {
    while (from < to && this.tokens[from]!.kind === "space") from++;
    while (to > from && this.tokens[to - 1]!.kind === "space") to--;
    return [from, to];
  }

  /** The tokens of the range outside any bracket or CASE: their indexes. */
  outer(from: number, to: number): number[] {
    const indexes: number[] = [];
    for (let i = from; i < to; i++) {
      indexes.push(i);
      const end = this.match.get(i);
      if (end !== undefined) i = end;
    }
    return indexes;
  }

  node(start: number, stop: number): ErrorNode {
    const [from, to] = this.trim(start, stop);
    const tokens = this.tokens;
    const sql = this.text(from, to);
    const first = tokens[from];
    if (first === undefined) return { kind: "other", sql };
    const kinds = tokens
      .slice(from, to)
      .map((t) => t.kind)
      .join(" ");
    if (first.text === "(" && this.match.get(from) === to - 1) return this.node(from + 1, to - 1);
    if (kinds === "string") return { kind: "message" };
    if (kinds === "word" && first.text === "NULL") return { kind: "null" };
    if (kinds === "identifier" || (kinds === "word other identifier" && tokens[from + 1]!.text === ".")) return { kind: "column", sql };
    const [next] = this.trim(from + 1, to);
    if (first.text === "COALESCE" && tokens[next]?.text === "(" && this.match.get(next) === to - 1) {
      const commas = this.outer(next + 1, to - 1).filter((i) => tokens[i]!.kind === "comma");
      const bounds = [next, ...commas, to - 1];
      return { kind: "first", parts: bounds.slice(1).map((end, k) => this.node(bounds[k]! + 1, end)) };
    }
    if (first.text === "CASE" && this.match.get(from) === to - 1 && tokens[next]?.text === "WHEN") {
      const keywords = this.outer(from + 1, to - 1).filter((i) => tokens[i]!.kind === "word" && ["WHEN", "THEN", "ELSE"].includes(tokens[i]!.text));
      const branches: { condition: string; result: ErrorNode; resultSql: string }[] = [];
      let otherwise: ErrorNode | undefined;
      for (let k = 0; k < keywords.length; k++) {
        const at = keywords[k]!;
        const end = keywords[k + 1] ?? to - 1;
        const word = tokens[at]!.text;
        if (word === "WHEN") {
          const then = keywords[k + 1];
          if (then === undefined || tokens[then]!.text !== "THEN") return { kind: "other", sql };
          const after = keywords[k + 2] ?? to - 1;
          branches.push({ condition: this.text(at + 1, then), result: this.node(then + 1, after), resultSql: this.text(then + 1, after) });
          k++;
        } else if (word === "ELSE" && k === keywords.length - 1) otherwise = this.node(at + 1, end);
        else return { kind: "other", sql };
      }
      return otherwise === undefined ? { kind: "case", branches } : { kind: "case", branches, otherwise };
    }
    return { kind: "other", sql };
  }
}

/**
 * One of the conditions under which an error may be one; `exact` for a column of errors not
 * NULL, which holds only where that error is one (the others may hold where the error's own
 * value is NULL for another reason: a rule's value that no rule gives).
 */
interface Condition {
  readonly sql: string;
  readonly exact: boolean;
}

/**
 * The conditions under which `node` may hold an error (one of them TRUE wherever it is not
 * NULL), or undefined where it may be one on any row (a message, an expression not read).
 */
function conditions(node: ErrorNode): Condition[] | undefined {
  switch (node.kind) {
    case "null":
      return [];
    case "message":
    case "other":
      return undefined;
    case "column":
      return [{ sql: `${node.sql} IS NOT NULL`, exact: true }];
    case "first": {
      const all: Condition[] = [];
      for (const part of node.parts) {
        const own = conditions(part) ?? (part.kind === "other" ? [{ sql: `(${part.sql}) IS NOT NULL`, exact: false }] : undefined);
        if (own === undefined) return undefined;
        all.push(...own);
      }
      return all;
    }
    case "case": {
      const all: Condition[] = [];
      for (const branch of node.branches) {
        const own = conditions(branch.result);
        if (own === undefined) all.push({ sql: branch.condition, exact: false });
        // `WHEN e IS NOT NULL THEN e`: where e may be an error
        else if (branch.condition === `${branch.resultSql} IS NOT NULL`) all.push(...own);
        else {
          // a column of errors where it holds one; the others where the branch is taken
          all.push(...own.filter((c) => c.exact));
          const rest = [...new Set(own.filter((c) => !c.exact).map((c) => c.sql))];
          if (rest.length > 0) all.push({ sql: `${parenthesised(branch.condition)} AND ${rest.length === 1 ? parenthesised(rest[0]!) : `(${rest.map(parenthesised).join(" OR ")})`}`, exact: false });
        }
      }
      if (node.otherwise === undefined) return all;
      const otherwise = conditions(node.otherwise);
      return otherwise === undefined ? undefined : [...all, ...otherwise];
    }
  }
}

/** Whether the node is more than one test of its own conditions (a guard would only repeat them). */
function nested(node: ErrorNode): boolean {
  if (node.kind === "first") return node.parts.length > 1 || node.parts.some(nested);
  if (node.kind !== "case") return false;
  return node.branches.some((b) => b.result.kind === "first" || b.result.kind === "case") || (node.otherwise !== undefined && node.otherwise.kind !== "null");
}

/**
 * A test TRUE wherever `error` is not NULL, cheaper than the error where it is worth one:
 * undefined when the error is a single test already, or may be an error on any row.
 */
export function errorGuard(error: string): string | undefined {
  const node = parse(error);
  if (node === undefined || !nested(node)) return undefined;
  const found = conditions(node);
  if (found === undefined) return undefined;
  const distinct = [...new Set(found.map((c) => c.sql))];
  if (distinct.length === 0) return "FALSE";
  return distinct.length === 1 ? distinct[0] : distinct.map(parenthesised).join(" OR ");
}

/** A condition in brackets where it has an AND or OR outside them. */
function parenthesised(condition: string): string {
  return joinsAtTop(condition) ? `(${condition})` : condition;
}

function parse(error: string): ErrorNode | undefined {
  const tokens = tokenize(error);
  const match = tokens === undefined ? undefined : matches(tokens);
  return tokens === undefined || match === undefined ? undefined : new Reader(tokens, match).node(0, tokens.length);
}

/** Whether a condition has an AND or OR outside its brackets (parenthesised where it is one of several). */
function joinsAtTop(condition: string): boolean {
  const tokens = tokenize(condition);
  const match = tokens === undefined ? undefined : matches(tokens);
  if (tokens === undefined || match === undefined) return true;
  return new Reader(tokens, match).outer(0, tokens.length).some((i) => tokens[i]!.kind === "word" && (tokens[i]!.text === "AND" || tokens[i]!.text === "OR"));
}

/**
 * The error computed only where its guard holds (errorGuard), and where `where` holds (for a
 * definition's error, that its measure is in force: every reading of it is), or as it is.
 */
export function guardedError(error: string, where?: string): string {
  const guard = errorGuard(error);
  if (guard !== undefined) return `CASE WHEN ${where === undefined ? guard : `${where} AND (${guard})`} THEN ${error} END`;
  if (where === undefined) return error;
  // an error under one condition: both conditions in one test
  const node = parse(error);
  if (node?.kind === "case" && node.branches.length === 1 && (node.otherwise === undefined || node.otherwise.kind === "null")) {
    const [branch] = node.branches;
    return `CASE WHEN ${where} AND ${parenthesised(branch!.condition)} THEN ${branch!.resultSql} END`;
  }
  return `CASE WHEN ${where} THEN ${error} END`;
}
