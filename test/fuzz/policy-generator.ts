/**
 * Random well-typed policies, written as text from the language's grammar (docs/language.md):
 * enums, records and entities with fields of every type (optional, sets, lists, nested
 * records, texts; a default or a `signed money` now and then), parameters with dated values from 0001-01-01 to 9999-12-31, measures with
 * windows, simple definitions, rules with exceptions and windows, parameterised definitions,
 * outputs for each member of a list, aggregates (`max` and `min` of a list too), `match`,
 * list and record outputs, `not computable` sentences. Expressions are
 * drawn by type, so that every policy should pass `check`.
 *
 * Names and texts carry the attacks of the security review: names of Object.prototype and
 * words reserved in JavaScript in every name slot, texts that try to end a string or a
 * comment of generated code (`*​/`, backticks, `${`, an escaped line break followed by code).
 * A text's code sets `globalThis.tiaoFuzzInjected`, so running it shows.
 *
 * Deterministic from a seed (compiler/random.ts), so that a failing policy is found again
 * from the seed fast-check prints; the failure also prints the policy's text.
 */
import { quotedText } from "../../compiler/literals.js";
import { Random } from "../../compiler/random.js";
import { keywords } from "../../grammar/tokens.js";
import { sampleTexts } from "../support/arbitraries.js";

type Scalar = "bool" | "integer" | "decimal" | "money" | "percent" | "date" | "time" | "text" | "months" | "days";

type Type =
  | { readonly kind: Scalar }
  | { readonly kind: "enum"; readonly name: string }
  | { readonly kind: "set"; readonly of: string }
  | { readonly kind: "list"; readonly of: string }
  | { readonly kind: "record"; readonly name: string }
  | { readonly kind: "optional"; readonly of: Type };

const scalars: readonly Scalar[] = ["bool", "integer", "decimal", "money", "percent", "date", "time", "text", "months", "days"];
const comparable: readonly Scalar[] = ["integer", "decimal", "money", "percent", "date", "time", "months", "days"];

/** What running injected code would set. */
export const injectionMarker = "tiaoFuzzInjected";

/** Names that are properties of every object, or words JavaScript and TypeScript reserve: each must work as any other name. */
const hostileNames = [
  "constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
  "toLocaleString", "__defineGetter__", "__lookupSetter__", "prototype", "delete", "class", "new", "function",
  "return", "this", "undefined", "NaN", "Infinity", "eval", "arguments", "await", "yield", "default", "void",
  "typeof", "instanceof", "var", "const", "switch", "case", "null", "super", "import", "export", "interface",
  "type", "evaluate", "measures", "factSchema", "evaluateJson", "Money", "Object", "JSON", "Math", "globalThis",
];

/** Texts of every slot: ordinary words, and attempts to leave a string literal or a comment of generated code. */
const texts = [
  "甘肃日报", "对参保不满1年的失业农民工", "plain words", "a \\\"quoted\\\" word", "back\\\\slash",
  `*/ globalThis.${injectionMarker} = 1; /*`,
  `\\n globalThis.${injectionMarker} = 1; //`,
  `\${globalThis.${injectionMarker} = 1}`,
  `\` + (globalThis.${injectionMarker} = 1) + \``,
  `'); globalThis.${injectionMarker} = 1; ('`,
  "</script><script>", "// not a comment", "/** doc */", "\t tab", "¶ § ‱ 元", "𝄞 emoji 😀",
];

/**
 * Text literals (`postal_code = "730000"`): the texts scenarios give most often (so that
 * equalities, sets and prefixes hold as often as not), and texts that try to leave a string
 * literal of generated TypeScript, JavaScript or SQL.
 */
const textValues = [
  ...sampleTexts,
  `*/ globalThis.${injectionMarker} = 1; /*`,
  `\${globalThis.${injectionMarker} = 1}`,
  `\` + (globalThis.${injectionMarker} = 1) + \``,
  `'); globalThis.${injectionMarker} = 1; ('`,
  `"); globalThis.${injectionMarker} = 1; ("`,
  "𝄞 emoji 😀",
];

const clauses = ["§1", "§2", "§3¶2", "§preamble", "§closing", "§123456789012345678901234"];

const boundaryDates = ["0001-01-01", "9999-12-31", "2000-02-29", "2021-10-20", "2021-12-31", "2022-01-31", "2024-02-29"];

interface Field {
  readonly name: string;
  readonly type: Type;
}

interface RecordShape {
  readonly name: string;
  readonly fields: readonly Field[];
}

interface Named {
  readonly name: string;
  readonly type: Type;
}

/** A definition that takes one record parameter. */
interface Callable {
  readonly name: string;
  readonly parameter: string;
  readonly type: Type;
}

interface Scope {
  /** paths readable here (`person.age`, `x.months`) and their types */
  readonly paths: readonly Named[];
  readonly definitions: readonly Named[];
  readonly parameters: readonly Named[];
  readonly callables: readonly Callable[];
  /** local names already bound (aggregate variables, the definition's parameter) */
  readonly locals: ReadonlySet<string>;
}

function sameType(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "optional" && b.kind === "optional") return sameType(a.of, b.of);
  return typeText(a) === typeText(b);
}

function typeText(type: Type): string {
  switch (type.kind) {
    case "enum":
      return type.name;
    case "record":
      return type.name;
    case "set":
      return `set of ${type.of}`;
    case "list":
      return `list of ${type.of}`;
    case "optional":
      return `optional ${typeText(type.of)}`;
    default:
      return type.kind;
  }
}

/**
 * Optional values are either tested (`is present`) or given a fallback (`otherwise`), never
 * both: after a test the value is no longer optional, and a fallback would be an error.
 * The name decides which.
 */
function testedForPresence(name: string): boolean {
  return name.length % 2 === 0;
}

class PolicyWriter {
  private readonly random: Random;
  private readonly used = new Set<string>(keywords);
  private nameCount = 0;
  private readonly enums: { name: string; members: string[] }[] = [];
  private readonly records: RecordShape[] = [];
  private readonly entities: RecordShape[] = [];
  private readonly parameters: Named[] = [];
  /** the optional values tested in the definition or rule being written */
  private readonly tested = new Set<string>();

  constructor(seed: number) {
    this.random = new Random(seed);
  }

  /** A fresh name: now and then a hostile one, else a plain one. */
  private name(prefix: string): string {
    if (this.random.chance(0.3)) {
      const hostile = this.random.pick(hostileNames);
      if (!this.used.has(hostile)) {
        this.used.add(hostile);
        return hostile;
      }
    }
    let name: string;
    do name = `${prefix}${this.nameCount++}`;
    while (this.used.has(name));
    this.used.add(name);
    return name;
  }

  /** A field name: fields may repeat names of other scopes and may be reserved words of tiao. */
  private fieldName(taken: Set<string>): string {
    const candidates = [...hostileNames, "months", "days", "date", "value", "from", "in", "sum", `f${taken.size}`];
    let name = this.random.pick(candidates);
    while (taken.has(name)) name = `f${taken.size}_${this.random.integer(0, 999)}`;
    taken.add(name);
    return name;
  }

  private text(): string {
    return `"${this.random.pick(texts)}"`;
  }

  private citation(): string {
    return `cites ${this.random.pick(clauses)} ${this.text()}`;
  }

  private date(): string {
    if (this.random.chance(0.3)) return this.random.pick(boundaryDates);
    const year = this.random.integer(2019, 2025);
    const month = this.random.integer(1, 12);
    const day = this.random.integer(1, month === 2 ? 28 : 30);
    return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }

  // -------------------------------------------------------------- declarations

  write(): string {
    const parts: string[] = [this.header()];
    for (let index = this.random.integer(1, 3); index > 0; index--) parts.push(this.enumDeclaration());
    for (let index = this.random.integer(1, 2); index > 0; index--) parts.push(this.recordDeclaration(false));
    for (let index = this.random.integer(1, 2); index > 0; index--) parts.push(this.recordDeclaration(true));
    for (let index = this.random.integer(0, 4); index > 0; index--) parts.push(this.parameterDeclaration());
    for (let index = this.random.integer(1, 2); index > 0; index--) parts.push(this.measure());
    return `${parts.join("\n\n")}\n`;
  }

  private header(): string {
    return [
      `policy ${this.name("policy")} {`,
      `  title    ${this.text()}`,
      `  document ${this.text()}`,
      `  issuer   ${this.text()}`,
      `  issued   ${this.date()}`,
      `  version  "1.0.0"`,
      "}",
    ].join("\n");
  }

  private enumDeclaration(): string {
    const name = this.name("enum");
    const members = Array.from({ length: this.random.integer(1, 4) }, () => this.name("member"));
    this.enums.push({ name, members });
    return `enum ${name} ${this.text()} {\n${members.map((member) => `  ${member} ${this.random.chance(0.5) ? this.text() : ""}`).join("\n")}\n}`;
  }

  private fieldType(entity: boolean, depth = 0): Type {
    const roll = this.random.next();
    if (roll < 0.55) return { kind: this.random.pick(scalars) };
    if (roll < 0.65) return { kind: "enum", name: this.random.pick(this.enums).name };
    if (roll < 0.72) return { kind: "set", of: this.random.pick(this.enums).name };
    if (roll < 0.85 && depth === 0) return { kind: "optional", of: this.fieldType(entity, depth + 1) };
    if (roll < 0.93 && this.records.length > 0) return { kind: "list", of: this.random.pick(this.records).name };
    if (this.records.length > 0 && entity) return { kind: "record", name: this.random.pick(this.records).name };
    return { kind: this.random.pick(scalars) };
  }

  private recordDeclaration(entity: boolean): string {
    const name = this.name(entity ? "entity" : "record");
    const taken = new Set<string>();
    const fields = Array.from({ length: this.random.integer(2, 6) }, () => ({ name: this.fieldName(taken), type: this.fieldType(entity) }))
      // optional lists and records are not types a fact can have
      .filter((field) => !(field.type.kind === "optional" && ["list", "record", "set", "optional"].includes(field.type.of.kind)));
    if (fields.length === 0) fields.push({ name: this.fieldName(taken), type: { kind: "bool" } });
    (entity ? this.entities : this.records).push({ name, fields });
    // now and then a default (`otherwise`), for a fact of one value that may not be absent
    const withDefault = (type: Type): string =>
      ["bool", "integer", "decimal", "money", "percent", "date", "time", "text", "months", "days"].includes(type.kind) && this.random.chance(0.2) ? ` otherwise ${this.literal(type)}` : "";
    // now and then an amount that may be below zero
    const written = (type: Type): string => (type.kind === "money" && this.random.chance(0.2) ? "signed money" : typeText(type));
    const lines = fields.map((field) => `  ${field.name}: ${written(field.type)}${withDefault(field.type)}${this.random.chance(0.5) ? ` ${this.text()}` : ""}`);
    return `${entity ? "entity" : "record"} ${name} ${this.text()} {\n${lines.join("\n")}\n}`;
  }

  private parameterDeclaration(): string {
    const type: Type = this.random.pick<Type>([{ kind: "money" }, { kind: "percent" }, { kind: "integer" }, { kind: "date" }, { kind: "months" }, { kind: "decimal" }, { kind: "text" }, { kind: "optional", of: { kind: "date" } }]);
    const name = this.name("parameter");
    const starts = [...new Set(Array.from({ length: this.random.integer(1, 3) }, () => this.date()))].sort();
    const values = starts.map((from, index) => {
      const next = starts[index + 1];
      // now and then a value ends the day before the next one starts, or on the last day there is
      const until = next === undefined ? (this.random.chance(0.3) ? " until 9999-12-31" : "") : "";
      const source = this.random.chance(0.5) ? `source ${this.text()}` : `source ${this.random.pick(clauses)} ${this.text()}`;
      const note = this.random.chance(0.3) ? `\n    note ${this.text()}` : "";
      return `  value ${type.kind === "optional" && this.random.chance(0.5) ? "absent" : this.literal(type.kind === "optional" ? type.of : type)} from ${from}${until}\n    ${source}${note}`;
    });
    this.parameters.push({ name, type });
    return `parameter ${name}: ${typeText(type)} ${this.text()} {\n${this.random.chance(0.4) ? `  unit ${this.text()}\n` : ""}${values.join("\n")}\n}`;
  }

  // -------------------------------------------------------------- measures

  private factPaths(): Named[] {
    const paths: Named[] = [];
    for (const entity of this.entities) {
      for (const field of entity.fields) {
        paths.push({ name: `${entity.name}.${field.name}`, type: field.type });
        if (field.type.kind === "record") {
          const record = this.recordNamed(field.type.name);
          for (const inner of record.fields) paths.push({ name: `${entity.name}.${field.name}.${inner.name}`, type: inner.type });
        }
      }
    }
    return paths;
  }

  private recordNamed(name: string): RecordShape {
    const record = this.records.find((candidate) => candidate.name === name);
    if (record === undefined) throw new Error(`no record ${name}`);
    return record;
  }

  private measure(): string {
    const name = this.name("measure");
    const lines: string[] = [`measure ${name} ${this.text()} {`];
    if (this.random.chance(0.4)) lines.push(`  ${this.citation()}`);
    if (this.random.chance(0.5)) lines.push(`  ${this.window()}`);
    const scope: Scope = { paths: this.factPaths(), definitions: [], parameters: this.parameters, callables: [], locals: new Set() };
    let current = scope;
    let outputs = 0;
    const count = this.random.integer(1, 5);
    for (let index = 0; index < count || outputs === 0; index++) {
      const output = index === count - 1 && outputs === 0 ? true : this.random.chance(0.6);
      if (output) outputs++;
      const { text, scope: next } = this.definition(current, output);
      lines.push("", text);
      current = next;
    }
    if (this.random.chance(0.3)) lines.push("", `  not computable ${this.random.pick(clauses)} ${this.text()}\n    because ${this.text()}`);
    lines.push("}");
    return lines.join("\n");
  }

  /** `in force from … until …` or `in force until …`: dates or parameters, the end never before the start when both are literals. */
  private window(): string {
    const dates = this.parameters.filter((parameter) => parameter.type.kind === "date");
    const ends = this.parameters.filter((parameter) => parameter.type.kind === "optional");
    const from = dates.length > 0 && this.random.chance(0.3) ? this.random.pick(dates).name : this.date();
    if (this.random.chance(0.3)) return `in force from ${from}`;
    if (this.random.chance(0.15)) return `in force until ${this.date()}`;
    if (ends.length > 0 && this.random.chance(0.3)) return `in force from ${from} until ${this.random.pick(ends).name}`;
    const until = this.date();
    if (/^\d/.test(from) && until < from) return `in force from ${until} until ${from}`;
    return `in force from ${from} until ${until}`;
  }

  private definitionType(scope: Scope, output: boolean): Type {
    const roll = this.random.next();
    if (roll < 0.7) return { kind: this.random.pick(scalars) };
    if (roll < 0.8) return { kind: "enum", name: this.random.pick(this.enums).name };
    if (roll < 0.85) return { kind: "set", of: this.random.pick(this.enums).name };
    // outputs may be lists of records (T0223: not records), optional values, and a let anything
    const structured = scope.paths.filter((path) => path.type.kind === "list" || path.type.kind === "optional" || (!output && path.type.kind === "record"));
    if (structured.length > 0) return this.random.pick(structured).type;
    return { kind: this.random.pick(scalars) };
  }

  private definition(scope: Scope, output: boolean): { text: string; scope: Scope } {
    const lists = scope.paths.filter((path) => path.type.kind === "list");
    if (!output && lists.length > 0 && this.random.chance(0.35)) return this.callableDefinition(scope, this.random.pick(lists));
    // an output for each member of a list field of an entity (not of a nested record, not of an item)
    const entityLists = lists.filter((path) => path.name.split(".").length === 2 && !scope.locals.has(path.name.slice(0, path.name.indexOf("."))));
    if (output && entityLists.length > 0 && this.random.chance(0.3)) return this.callableDefinition(scope, this.random.pick(entityLists), true);
    this.tested.clear();
    const type = this.definitionType(scope, output);
    const name = this.name(output ? "out" : "let");
    const head = `  ${output ? "output" : "let"} ${name}: ${typeText(type)}`;
    const next: Scope = { ...scope, definitions: [...scope.definitions, { name, type }] };
    if (this.random.chance(0.35)) return { text: `${head} {\n${this.rules(type, scope)}\n  }`, scope: next };
    return { text: `${head}\n    = ${this.expression(type, scope, 0)}\n    ${this.citation()}${this.random.chance(0.3) ? `\n    note ${this.text()}` : ""}`, scope: next };
  }

  /**
   * `let f(x: R): T`, used inside aggregates over lists of R; or `output f(x in entity.list): T`,
   * an output for each member of the list, which is called in the same way.
   */
  private callableDefinition(scope: Scope, list: Named, forEachMember = false): { text: string; scope: Scope } {
    if (list.type.kind !== "list") throw new Error("a list expected");
    const record = this.recordNamed(list.type.of);
    const name = this.name(forEachMember ? "out" : "call");
    const parameter = this.name("item");
    this.tested.clear();
    const type: Type = { kind: this.random.pick<Scalar>(["bool", "integer", "money", "decimal", "days", "months"]) };
    const inner = this.withLocal(scope, parameter, record);
    const body = this.random.chance(0.3) ? `{\n${this.rules(type, inner)}\n  }` : `\n    = ${this.expression(type, inner, 0)}\n    ${this.citation()}`;
    const head = forEachMember ? `  output ${name}(${parameter} in ${list.name})` : `  let ${name}(${parameter}: ${record.name})`;
    const text = `${head}: ${typeText(type)}${body.startsWith("{") ? ` ${body}` : body}`;
    return { text, scope: { ...scope, callables: [...scope.callables, { name, parameter: record.name, type }] } };
  }

  private withLocal(scope: Scope, local: string, record: RecordShape): Scope {
    return {
      ...scope,
      paths: [...scope.paths, ...record.fields.map((field) => ({ name: `${local}.${field.name}`, type: field.type }))],
      locals: new Set([...scope.locals, local]),
    };
  }

  /** A block of rules and exceptions, each with its own condition (so no two can be seen to conflict). */
  private rules(type: Type, scope: Scope): string {
    const lines: string[] = [];
    const labels: string[] = [];
    const conditions = new Set<string>();
    const condition = (): string => {
      let text: string;
      do text = this.expression({ kind: "bool" }, scope, 1);
      while (conditions.has(text) || text === "true" || text === "false");
      conditions.add(text);
      return text;
    };
    const ruleCount = this.random.integer(1, 3);
    for (let index = 0; index < ruleCount; index++) {
      this.tested.clear();
      const label = this.name("rule");
      labels.push(label);
      const when = ruleCount === 1 && this.random.chance(0.5) ? "" : `\n      when ${condition()}`;
      const window = this.random.chance(0.2) ? `\n      ${this.window()}` : "";
      lines.push(`    rule ${label}${when}\n      = ${this.expression(type, scope, 1)}\n      ${this.citation()}${window}`);
    }
    for (let index = this.random.integer(0, 3); index > 0; index--) {
      this.tested.clear();
      const label = this.name("exception");
      const to = this.random.pick(labels);
      labels.push(label);
      lines.push(`    exception ${label} to ${to}\n      when ${condition()}\n      = ${this.expression(type, scope, 1)}\n      ${this.citation()}${this.random.chance(0.3) ? `\n      note ${this.text()}` : ""}`);
    }
    return lines.join("\n");
  }

  // -------------------------------------------------------------- expressions

  private literal(type: Type): string {
    switch (type.kind) {
      case "bool":
        return this.random.pick(["true", "false"]);
      case "integer":
        return this.random.pick(["0", "1", "2", "3", "12", "100", "9007199254740991"]);
      case "decimal":
        return this.random.pick(["0.5", "1.25", "0.0", "3.333333", "1000000000000.000001"]);
      case "money":
        return this.random.pick(["0 yuan", "0.01 yuan", "1458.00 yuan", "500元", "90071992547409.91 yuan"]);
      case "percent":
        return this.random.pick(["0%", "60%", "12.5%", "100%", "0.0001%", "250%"]);
      case "date":
        return this.date();
      case "time":
        return this.random.pick(["00:00", "08:30", "18:00", "23:59"]);
      case "text":
        return quotedText(this.random.pick(textValues));
      case "months":
        return this.random.pick(["0 months", "1 month", "6 months", "12个月"]);
      case "days":
        return this.random.pick(["0 days", "1 day", "30 days", "15天"]);
      case "enum":
        return this.random.pick(this.enumNamed(type.name).members);
      case "set": {
        const members = this.enumNamed(type.of).members.filter(() => this.random.chance(0.5));
        return `{${members.join(", ")}}`;
      }
      case "optional":
        return "absent";
      case "list":
      case "record":
        throw new Error(`no literal of ${type.kind}`);
    }
  }

  private enumNamed(name: string): { name: string; members: string[] } {
    const declaration = this.enums.find((candidate) => candidate.name === name);
    if (declaration === undefined) throw new Error(`no enum ${name}`);
    return declaration;
  }

  /** A name of this type that can be read here: a fact, a definition, a parameter. */
  private reads(type: Type, scope: Scope): string[] {
    const parameterReads = scope.parameters.filter((p) => sameType(p.type, type)).map((p) => `parameters.${p.name}`);
    return [...scope.paths, ...scope.definitions].filter((named) => sameType(named.type, type)).map((named) => named.name).concat(parameterReads);
  }

  private terminal(type: Type, scope: Scope): string {
    const reads = this.reads(type, scope);
    if (type.kind === "optional") {
      const present = reads.length > 0 && this.random.chance(0.7);
      return present ? this.random.pick(reads) : "absent";
    }
    if (type.kind === "list" || type.kind === "record") return this.random.pick(reads);
    // an optional fact with a fallback (only those never tested, since a test narrows them)
    const optional = this.reads({ kind: "optional", of: type }, scope).filter((name) => !testedForPresence(name));
    if (optional.length > 0 && this.random.chance(0.2)) return `(${this.random.pick(optional)} otherwise ${this.literal(type)})`;
    if (reads.length > 0 && this.random.chance(0.65)) return this.random.pick(reads);
    return this.literal(type);
  }

  expression(type: Type, scope: Scope, depth: number): string {
    if (depth >= 3 || this.random.chance(0.25 + 0.2 * depth)) return this.terminal(type, scope);
    const compound = this.compound(type, scope, depth + 1);
    return compound ?? this.terminal(type, scope);
  }

  private aggregateOver(scope: Scope): { list: string; local: string; inner: Scope; callables: Callable[] } | undefined {
    const lists = scope.paths.filter((path) => path.type.kind === "list");
    if (lists.length === 0) return undefined;
    const list = this.random.pick(lists);
    if (list.type.kind !== "list") return undefined;
    const record = this.recordNamed(list.type.of);
    let local = `x${scope.locals.size}`;
    while (this.used.has(local) || scope.locals.has(local)) local = `${local}_`;
    const callables = scope.callables.filter((callable) => callable.parameter === record.name);
    return { list: list.name, local, inner: this.withLocal(scope, local, record), callables };
  }

  private compound(type: Type, scope: Scope, depth: number): string | undefined {
    const e = (t: Type, s: Scope = scope): string => this.expression(t, s, depth);
    const bool = { kind: "bool" } as const;
    const int = { kind: "integer" } as const;
    const text = { kind: "text" } as const;
    const choices: (() => string | undefined)[] = [() => `(if ${e(bool)} then ${e(type)} else ${e(type)})`];
    if (comparable.includes(type.kind as Scalar)) choices.push(() => `${this.random.pick(["min", "max"])}(${e(type)}, ${e(type)})`);
    if (type.kind === "enum" || (type.kind !== "optional" && type.kind !== "list" && type.kind !== "record" && type.kind !== "set")) {
      const enums = this.enums;
      choices.push(() => {
        const on = this.random.pick(enums);
        const members = [...on.members];
        const arms: string[] = [];
        while (members.length > 0) {
          const take = members.splice(0, this.random.integer(1, members.length));
          arms.push(`${take.join(", ")} => ${e(type)}`);
          if (this.random.chance(0.3) && members.length > 0) {
            arms.push(`else => ${e(type)}`);
            break;
          }
        }
        return `(match ${e({ kind: "enum", name: on.name })} { ${arms.join("  ")} })`;
      });
    }
    const aggregate = this.aggregateOver(scope);
    switch (type.kind) {
      case "bool":
        choices.push(
          () => `(${e(bool)} ${this.random.pick(["and", "or"])} ${e(bool)})`,
          () => `(not ${e(bool)})`,
          () => {
            const operand: Type = { kind: this.random.pick(comparable) };
            return `(${e(operand)} ${this.random.pick(["=", "!=", "<", "<=", ">", ">="])} ${e(operand)})`;
          },
          () => `(${e(text)} ${this.random.pick(["=", "!="])} ${e(text)})`,
          () => `starts_with(${e(text)}, ${e(text)})`,
          () => `(${e(text)} in {${textValues.filter(() => this.random.chance(0.3)).map(quotedText).join(", ")}})`,
          () => {
            const on = this.random.pick(this.enums);
            return `(${e({ kind: "enum", name: on.name })} in ${this.random.chance(0.5) ? this.literal({ kind: "set", of: on.name }) : e({ kind: "set", of: on.name })})`;
          },
          () => {
            // each tested once per definition or rule: a test inside another's branch would be of a value no longer optional
            const optional = [...scope.paths, ...scope.definitions].filter((named) => named.type.kind === "optional" && testedForPresence(named.name) && !this.tested.has(named.name));
            if (optional.length === 0) return undefined;
            const tested = this.random.pick(optional).name;
            this.tested.add(tested);
            return `(${tested} ${this.random.pick(["is present", "is absent"])})`;
          },
        );
        if (aggregate !== undefined) {
          choices.push(() => {
            const where = aggregate.callables.filter((c) => c.type.kind === "bool");
            const condition = where.length > 0 && this.random.chance(0.5) ? `${this.random.pick(where).name}(${aggregate.local})` : e(bool, aggregate.inner);
            return `${this.random.pick(["any", "all"])}(${aggregate.local} in ${aggregate.list} where ${condition})`;
          });
        }
        break;
      case "integer":
        choices.push(
          () => `(${e(int)} ${this.random.pick(["+", "-", "*"])} ${e(int)})`,
          () => `${this.random.pick(["round", "floor", "ceil"])}(${e({ kind: "decimal" })})`,
        );
        if (aggregate !== undefined) choices.push(() => `count(${aggregate.local} in ${aggregate.list}${this.random.chance(0.6) ? ` where ${e(bool, aggregate.inner)}` : ""})`);
        break;
      case "money":
        choices.push(
          () => `(${e(type)} ${this.random.pick(["+", "-"])} ${e(type)})`,
          () => (this.random.chance(0.5) ? `(${e(int)} * ${e(type)})` : `(${e(type)} * ${e(int)})`),
          () => `${this.random.pick(["round", "round_down", "round_up"])}(${e(type)} * ${e(this.random.chance(0.5) ? { kind: "percent" } : { kind: "decimal" })})`,
          () => `${this.random.pick(["round", "round_down", "round_up"])}(${e(type)} * ${e({ kind: "percent" })} + ${e(type)})`,
        );
        break;
      case "decimal":
        choices.push(
          () => `(${e(type)} ${this.random.pick(["+", "-", "*"])} ${e(type)})`,
          () => `(${e(this.random.chance(0.5) ? int : type)} * ${e({ kind: "percent" })})`,
          () => `(-${e(type)})`,
        );
        break;
      case "date":
        choices.push(
          () => `(${e(type)} ${this.random.pick(["+", "-"])} ${e({ kind: "months" })})`,
          () => `(${e(type)} ${this.random.pick(["+", "-"])} ${e({ kind: "days" })})`,
          () => `last_day_of_term(${e(type)}, ${e({ kind: "months" })})`,
        );
        break;
      case "months":
      case "days":
        choices.push(
          () => `(${e(type)} ${this.random.pick(["+", "-"])} ${e(type)})`,
          () => `(${e(int)} * ${e(type)})`,
          () => `${type.kind}(${e(int)})`,
        );
        if (type.kind === "days") choices.push(() => `(${e({ kind: "date" })} - ${e({ kind: "date" })})`);
        break;
      default:
        break;
    }
    if (aggregate !== undefined && comparable.includes(type.kind as Scalar)) {
      // the largest or smallest term, absent for no item: given a fallback
      choices.push(() => {
        const terms = aggregate.callables.filter((c) => sameType(c.type, type));
        const term = terms.length > 0 && this.random.chance(0.5) ? `${this.random.pick(terms).name}(${aggregate.local})` : e(type, aggregate.inner);
        const where = this.random.chance(0.5) ? ` where ${e(bool, aggregate.inner)}` : "";
        return `(${this.random.pick(["max", "min"])}(${term} for ${aggregate.local} in ${aggregate.list}${where}) otherwise ${e(type)})`;
      });
    }
    if (aggregate !== undefined && ["integer", "money", "decimal", "months", "days"].includes(type.kind)) {
      choices.push(() => {
        const terms = aggregate.callables.filter((c) => sameType(c.type, type));
        const term = terms.length > 0 && this.random.chance(0.5) ? `${this.random.pick(terms).name}(${aggregate.local})` : e(type, aggregate.inner);
        return `sum(${term} for ${aggregate.local} in ${aggregate.list}${this.random.chance(0.5) ? ` where ${e(bool, aggregate.inner)}` : ""})`;
      });
    }
    return this.random.pick(choices)();
  }
}

/** The text of a random well-typed policy. */
export function wellTypedPolicy(seed: number): string {
  return new PolicyWriter(seed).write();
}
