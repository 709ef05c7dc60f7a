/**
 * The lexer and the parser of the program skip Chevrotain's validations of their
 * definitions, to start faster: these tests run them.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { TiaoParser } from "../../grammar/parser.js";
import { createLexer } from "../../grammar/tokens.js";

describe("the definitions of the lexer and the parser", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("give a lexer without errors or warnings", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const lexer = createLexer({ validate: true });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it("give a grammar without ambiguities or left recursion", () => {
    // Chevrotain throws on an invalid grammar while analysing it
    expect(() => new TiaoParser({ validate: true })).not.toThrow();
  });
});
