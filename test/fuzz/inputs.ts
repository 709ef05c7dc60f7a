/**
 * The inputs of the front-end fuzzers: any text; soups of the language's own tokens, made
 * from the token definitions of grammar/tokens.ts; and the real policies mutated — lines
 * and tokens deleted, duplicated, swapped, replaced by a token of the soup, files cut short.
 * Places are fractions of the text, so that a mutation applies to any file and shrinks.
 */
import fc from "fast-check";
import type { Source } from "../../compiler/index.js";
import { allTokens, tiaoLexer } from "../../grammar/tokens.js";
import type { RepositoryPolicy } from "./policies.js";

/** Any text: UTF-16 units (lone surrogates too), code points, graphemes. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(..."{}()\"\\\n\r\t§¶%元个月天.,:=<>!+-*#“”\u2028\u2029\u3000\ufeff0123456789-azAZ_ "), maxLength: 200 }),
);

/** One text each token definition of the lexer can read: its literal, or a text its pattern matches. */
function tokenImage(pattern: unknown): fc.Arbitrary<string> | undefined {
  if (typeof pattern === "string") return fc.constant(pattern);
  if (pattern instanceof RegExp) {
    const bounded = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace("g", ""));
    return fc.stringMatching(bounded, { size: "xsmall" }).filter((text) => text.length <= 30);
  }
  return undefined;
}

const tokenImages: readonly fc.Arbitrary<string>[] = allTokens.flatMap((token) => {
  const image = tokenImage(token.PATTERN);
  return image === undefined ? [] : [image];
});

/** A token as the lexer defines it, now and then a name or number a policy might use. */
export const realToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(...tokenImages) },
  { weight: 1, arbitrary: fc.constantFrom("person", "m1", "x", "t", "amount", "2021-10-20", "0000-01-01", "9999-12-31", "10000-01-01", "2021-02-29", "500", "60", "99999999999999999999", "§4") },
);

const separator = fc.constantFrom(" ", " ", " ", "\n", "", "\t", "\r\n");

/** The language's own tokens in any order. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(realToken, separator), { maxLength: 80 })
  .map((pairs) => pairs.map(([token, space]) => token + space).join(""));

// ---------------------------------------------------------------- mutations of real policies

export type Mutation =
  | { readonly kind: "delete-line" | "duplicate-line" | "delete-token" | "duplicate-token" | "truncate"; readonly at: number }
  | { readonly kind: "swap-lines" | "swap-tokens"; readonly at: number; readonly other: number }
  | { readonly kind: "insert-token"; readonly at: number; readonly token: string };

const place = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom("delete-line" as const, "duplicate-line" as const, "delete-token" as const, "duplicate-token" as const), at: place }),
  fc.record({ kind: fc.constantFrom("swap-lines" as const, "swap-tokens" as const), at: place, other: place }),
  fc.record({ kind: fc.constant("insert-token" as const), at: place, token: realToken }),
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: place }) },
);

interface Piece {
  readonly start: number;
  readonly end: number;
}

/** The lines that hold code: changing a blank line or a comment would only test the comment. */
function linesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const match of text.matchAll(/[^\r\n]*(?:\r\n|\n|\r|$)/g)) {
    if (/^\s*(?:#|$)/.test(match[0])) continue;
    pieces.push({ start: match.index, end: match.index + match[0].length });
  }
  return pieces;
}

function tokensOf(text: string): Piece[] {
  return tiaoLexer.tokenize(text).tokens.map((token) => ({ start: token.startOffset, end: token.startOffset + token.image.length }));
}

function pick(pieces: readonly Piece[], at: number): Piece | undefined {
  return pieces[Math.floor(at * pieces.length)];
}

function swap(text: string, pieces: readonly Piece[], at: number, other: number): string {
  const a = pick(pieces, at);
  const b = pick(pieces, other);
  if (a === undefined || b === undefined || a.start === b.start) return text;
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  return text.slice(0, first.start) + text.slice(second.start, second.end) + text.slice(first.end, second.start) + text.slice(first.start, first.end) + text.slice(second.end);
}

export function applyMutation(text: string, change: Mutation): string {
  switch (change.kind) {
    case "truncate":
      return text.slice(0, Math.floor(change.at * text.length));
    case "delete-line":
    case "duplicate-line":
    case "delete-token":
    case "duplicate-token": {
      const piece = pick(change.kind.endsWith("line") ? linesOf(text) : tokensOf(text), change.at);
      if (piece === undefined) return text;
      const image = text.slice(piece.start, piece.end);
      const replacement = change.kind.startsWith("delete") ? "" : change.kind === "duplicate-line" ? image + image : `${image} ${image}`;
      return text.slice(0, piece.start) + replacement + text.slice(piece.end);
    }
    case "swap-lines":
      return swap(text, linesOf(text), change.at, change.other);
    case "swap-tokens":
      return swap(text, tokensOf(text), change.at, change.other);
    case "insert-token": {
      const offset = Math.floor(change.at * (text.length + 1));
      return `${text.slice(0, offset)} ${change.token} ${text.slice(offset)}`;
    }
  }
}

/** A policy of the repository with one of its files mutated. */
export interface PolicyMutation {
  readonly policy: number;
  readonly file: number;
  readonly mutations: readonly Mutation[];
}

export function policyMutation(policies: readonly RepositoryPolicy[]): fc.Arbitrary<PolicyMutation> {
  return fc.record({
    policy: fc.nat({ max: policies.length - 1 }),
    file: fc.nat({ max: 63 }),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  });
}

export interface MutatedPolicy {
  readonly policy: RepositoryPolicy;
  readonly changed: Source;
}

export function mutatedPolicy(policies: readonly RepositoryPolicy[], input: PolicyMutation): MutatedPolicy {
  const policy = policies[input.policy % policies.length];
  if (policy === undefined) throw new Error("no policies to mutate");
  const index = input.file % policy.sources.length;
  const original = policy.sources[index];
  if (original === undefined) throw new Error(`${policy.folder} has no .tiao file`);
  return { policy, changed: { path: original.path, text: input.mutations.reduce(applyMutation, original.text) } };
}
