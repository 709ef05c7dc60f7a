/**
 * Amendments: a policy whose header says `amends "../base"` states only what it changes in
 * that policy, and is checked and compiled together with it. This module merges the two
 * syntax trees into the one policy the checker sees, each part keeping its own file and
 * place, so that diagnostics and explanations point at the version a rule or value comes from:
 *
 * - the header: the amendment's fields replace the base's (its name, title, version, …);
 * - a parameter of the base's name: the base's values before the amendment's first `from`
 *   are kept (one whose written `until` reaches that date ends the day before), then come
 *   the amendment's; its label and unit replace the base's when given;
 * - a scale of the base's name: each bracket of the amendment's name takes its figures
 *   (thresholds, rates) from the amendment from their first date on, as a parameter does;
 *   a new bracket is added; `repeal bracket name` takes a bracket out, on every date;
 * - an enum of the base's name is replaced; a record or entity gets the amendment's fields
 *   (a field of the same name replaced, a new one added);
 * - a measure of the base's name: its title, citation and window when the amendment gives
 *   them; a definition of the same name replaced — when both are blocks of rules, rule by
 *   rule (a rule or exception of the same label replaced, a new one added); a new
 *   definition or `not computable` added; `repeal name` takes a definition out;
 * - `repeal name` at the top level takes out a declaration of the base; anything else is added.
 */
import type {
  BracketFigure,
  Declaration,
  Definition,
  MeasureDeclaration,
  MeasureItem,
  ParameterDeclaration,
  ParameterValue,
  PolicyFile,
  PolicyHeader,
  RecordDeclaration,
  Repeal,
  RuleCase,
  ScaleDeclaration,
} from "./ast.js";
import { headerField } from "./ast.js";
import { reportError, type Reporter } from "./check/report.js";
import type { SourceSpan } from "../runtime/types.js";
import { definedProperties } from "./defined-properties.js";

/** Where a policy's header says it amends another, and the path it gives. */
export function amendedPath(files: readonly PolicyFile[]): { readonly path: string; readonly span: SourceSpan } | undefined {
  const field = headerField(files, "amends");
  return field === undefined ? undefined : { path: field.value.value, span: field.value.span };
}

/** Reports every `repeal` of a policy that amends nothing (T0905). */
export function reportRepealsOutsideAmendments(files: readonly PolicyFile[], reporter: Reporter): void {
  for (const file of files) {
    for (const declaration of file.declarations) {
      const repeals =
        declaration.kind === "repeal"
          ? [declaration]
          : declaration.kind === "measure"
            ? declaration.items.filter(isRepeal)
            : declaration.kind === "scale"
              ? (declaration.repeals ?? [])
              : [];
      for (const repeal of repeals) {
        reportError(reporter, "T0905", repeal.span, "`repeal` belongs to an amendment", {
          help: 'say in the header which policy this one amends (`amends "../policy"`), or delete the declaration itself',
        });
      }
    }
  }
}

function isRepeal(item: MeasureItem): item is Repeal {
  return item.kind === "repeal";
}

/**
 * The base's files with the amendment applied, then the amendment's files with what it adds.
 * Reports a `repeal` that names nothing of the base (T0906).
 */
export function applyAmendment(base: readonly PolicyFile[], amendment: readonly PolicyFile[], reporter: Reporter): PolicyFile[] {
  const replaced = new Map<Declaration, Declaration | undefined>();
  const baseDeclarations = base.flatMap((file) => file.declarations);
  const current = (declaration: Declaration): Declaration | undefined => (replaced.has(declaration) ? replaced.get(declaration) : declaration);
  const find = (name: string, kinds: readonly Declaration["kind"][]): Declaration | undefined =>
    baseDeclarations.find((d) => kinds.includes(d.kind) && d.kind !== "policy" && d.name.name === name && current(d) !== undefined);
  const added: Map<string, Declaration[]> = new Map(amendment.map((file) => [file.file, []]));
  for (const file of amendment) {
    for (const declaration of file.declarations) {
      const keep = (): void => void added.get(file.file)?.push(declaration);
      switch (declaration.kind) {
        case "policy": {
          const header = baseDeclarations.find((d): d is PolicyHeader => d.kind === "policy");
          if (header === undefined) keep();
          else replaced.set(header, mergeHeader(header, declaration));
          break;
        }
        case "repeal": {
          const target = find(declaration.name.name, ["enum", "record", "parameter", "scale", "measure"]);
          if (target === undefined) reportNothingToRepeal(declaration, "the policy it amends", reporter);
          else replaced.set(target, undefined);
          break;
        }
        // a document or an enum of the same name is replaced (a document by a new edition of it); another is added
        case "document":
        case "enum": {
          const target = find(declaration.name.name, [declaration.kind]);
          if (target === undefined) keep();
          else replaced.set(target, declaration);
          break;
        }
        case "record": {
          const target = find(declaration.name.name, ["record"]);
          if (target?.kind !== "record") keep();
          else replaced.set(target, mergeRecord(target, declaration));
          break;
        }
        case "parameter": {
          const target = find(declaration.name.name, ["parameter"]);
          if (target?.kind !== "parameter") keep();
          else replaced.set(target, mergeParameter(target, declaration));
          break;
        }
        case "scale": {
          const target = find(declaration.name.name, ["scale"]);
          if (target?.kind === "scale") replaced.set(target, mergeScale(target, declaration, reporter));
          else {
            for (const repeal of declaration.repeals ?? []) {
              reportError(reporter, "T1016", repeal.span, `there is no scale \`${declaration.name.name}\` to take bracket \`${repeal.name.name}\` out of`, {
                help: "a bracket is repealed in a scale of the policy it amends, named as it is there",
              });
            }
            keep();
          }
          break;
        }
        case "measure": {
          const target = find(declaration.name.name, ["measure"]);
          if (target?.kind !== "measure") keep();
          else replaced.set(target, mergeMeasure(target, declaration, reporter));
          break;
        }
      }
    }
  }
  const amendedBase = base.map((file) => ({
    ...file,
    declarations: file.declarations.flatMap((d) => {
      const now = current(d);
      return now === undefined ? [] : [now];
    }),
  }));
  return [...amendedBase, ...amendment.map((file) => ({ ...file, declarations: added.get(file.file) ?? [] }))];
}

function reportNothingToRepeal(repeal: Repeal, where: string, reporter: Reporter): void {
  reportError(reporter, "T0906", repeal.name.span, `${where} has nothing named \`${repeal.name.name}\` to repeal`, {
    help: "name a declaration of the policy it amends (or, in a measure, one of its definitions)",
  });
}

function mergeHeader(base: PolicyHeader, amendment: PolicyHeader): PolicyHeader {
  const keys = new Set(amendment.fields.map((field) => field.key));
  return { ...amendment, fields: [...base.fields.filter((field) => !keys.has(field.key)), ...amendment.fields] };
}

function mergeRecord(base: RecordDeclaration, amendment: RecordDeclaration): RecordDeclaration {
  const names = new Set(amendment.fields.map((field) => field.name.name));
  const kept = base.fields.map((field) => (names.has(field.name.name) ? amendment.fields.find((f) => f.name.name === field.name.name) ?? field : field));
  const baseNames = new Set(base.fields.map((field) => field.name.name));
  return {
    ...base,
    ...(amendment.label === undefined ? {} : { label: amendment.label }),
    fields: [...kept, ...amendment.fields.filter((field) => !baseNames.has(field.name.name))],
  };
}

/** Dated values: the base's before the amendment's first date (ended the day before if they ran on), then the amendment's. */
function mergeValues<V extends ParameterValue>(base: readonly V[], amendment: readonly V[]): V[] {
  const [first] = amendment;
  if (first === undefined) return [...base];
  // A first value without `from` holds on every date: it replaces them all.
  const from = first.from?.text;
  if (from === undefined) return [...amendment];
  // Dates written YYYY-MM-DD compare as text; a value without `from` starts before any.
  const before = base.filter((value) => (value.from?.text ?? "") < from).map((value): V => {
    if (value.until === undefined || value.until.text < from) return value;
    const { until: _ended, ...open } = value;
    return open as V;
  });
  return [...before, ...amendment];
}

function mergeParameter(base: ParameterDeclaration, amendment: ParameterDeclaration): ParameterDeclaration {
  return {
    ...amendment,
    ...definedProperties({ label: amendment.label ?? base.label, unit: amendment.unit ?? base.unit }),
    values: mergeValues(base.values, amendment.values),
  };
}

function mergeScale(base: ScaleDeclaration, amendment: ScaleDeclaration, reporter: Reporter): ScaleDeclaration {
  const repealed = new Set<string>();
  for (const repeal of amendment.repeals ?? []) {
    const name = repeal.name.name;
    if (!base.brackets.some((bracket) => bracket.name.name === name)) {
      const names = base.brackets.map((bracket) => `\`${bracket.name.name}\``).join(", ");
      reportError(reporter, "T1016", repeal.name.span, `scale \`${base.name.name}\` has no bracket \`${name}\` to repeal`, { help: `its brackets are ${names}` });
    } else if (amendment.brackets.some((bracket) => bracket.name.name === name)) {
      reportError(reporter, "T1016", repeal.name.span, `bracket \`${name}\` is both repealed and given figures`, {
        help: "repeal it to take it out on every date, or give its new figures to change them from a date",
      });
    } else {
      repealed.add(name);
    }
  }
  const brackets = base.brackets.filter((bracket) => !repealed.has(bracket.name.name)).map((bracket) => {
    const changed = amendment.brackets.find((b) => b.name.name === bracket.name.name);
    if (changed === undefined) return bracket;
    const figures = (kind: BracketFigure["figure"]) =>
      mergeValues(
        bracket.figures.filter((f) => f.figure === kind),
        changed.figures.filter((f) => f.figure === kind),
      );
    return { ...bracket, figures: [...figures("threshold"), ...figures("rate")] };
  });
  const names = new Set(base.brackets.map((bracket) => bracket.name.name));
  return {
    ...base,
    ...definedProperties({ label: amendment.label, unit: amendment.unit }),
    brackets: [...brackets, ...amendment.brackets.filter((bracket) => !names.has(bracket.name.name))],
  };
}

function mergeMeasure(base: MeasureDeclaration, amendment: MeasureDeclaration, reporter: Reporter): MeasureDeclaration {
  let items: MeasureItem[] = [...base.items];
  for (const item of amendment.items) {
    if (item.kind === "not_computable") {
      items.push(item);
      continue;
    }
    const index = items.findIndex((existing) => existing.kind === "definition" && existing.name.name === item.name.name);
    const existing = items[index];
    if (item.kind === "repeal") {
      if (existing === undefined) reportNothingToRepeal(item, `measure \`${base.name.name}\``, reporter);
      else items = items.filter((_, i) => i !== index);
    } else if (existing?.kind === "definition") {
      items[index] = mergeDefinition(existing, item);
    } else {
      items.push(item);
    }
  }
  return { ...base, ...definedProperties({ title: amendment.title, citation: amendment.citation, window: amendment.window }), items };
}

/** Rule by rule when both are blocks of rules; otherwise the amendment's definition replaces the base's. */
function mergeDefinition(base: Definition, amendment: Definition): Definition {
  if (base.body.kind !== "cases" || amendment.body.kind !== "cases") return amendment;
  const labelOf = (rule: RuleCase) => rule.label?.name;
  const changed = new Map(amendment.body.cases.map((rule) => [labelOf(rule), rule]));
  const kept = base.body.cases.map((rule) => changed.get(labelOf(rule)) ?? rule);
  const baseLabels = new Set(base.body.cases.map(labelOf));
  const cases = [...kept, ...amendment.body.cases.filter((rule) => !baseLabels.has(labelOf(rule)))];
  return { ...amendment, body: { ...amendment.body, cases } };
}
