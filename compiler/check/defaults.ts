/**
 * Defaults of facts: `children: integer otherwise 0` is a fact a scenario may leave out, and
 * that then takes the value written (compiler/../runtime/scenario.ts reads it as if given).
 * The value is a literal of the fact's type; a fact that may be absent, a list, a record, a set
 * or a series has none (T1105): absent, empty and a series' own `otherwise` say it already.
 */
import type { FieldDeclaration, PolicyFile, RecordDeclaration } from "../ast.js";
import type { FactSchema, ValueType } from "../ir.js";
import { formatValue } from "../../runtime/scenario.js";
import { literalRuntimeValue } from "../literals.js";
import type { ProgramSymbols } from "./declarations.js";
import { checkExpr } from "./expressions.js";
import { literalOf } from "./parameters.js";
import { amountText, reportError, type Reporter } from "./report.js";
import { rootContext } from "./scope.js";
import { describeType } from "./types.js";

/** Kinds of facts that may have a default. */
const defaultable = new Set<ValueType["kind"]>(["bool", "integer", "decimal", "money", "percent", "date", "time", "text", "months", "days", "enum"]);

/** The schema with each field's default, as the JSON a scenario would give; reported where one cannot be. */
export function withFieldDefaults(schema: FactSchema, files: readonly PolicyFile[], symbols: ProgramSymbols, reporter: Reporter): FactSchema {
  const declared = new Map<string, RecordDeclaration>();
  for (const file of files) for (const d of file.declarations) if (d.kind === "record" && !declared.has(d.name.name)) declared.set(d.name.name, d);
  const context = rootContext(symbols, "parameter_value", reporter);
  let changed = false;
  const records = schema.records.map((record) => {
    const declaration = declared.get(record.name);
    if (declaration === undefined || !declaration.fields.some((f) => f.default !== undefined)) return record;
    changed = true;
    const fields = record.fields.map((field) => {
      const written = declaration.fields.find((f) => f.name.name === field.name && f.default !== undefined);
      if (written === undefined) return field;
      const value = defaultValue(written, field.type, context);
      return value === undefined ? field : { ...field, default: value };
    });
    return { ...record, fields };
  });
  return changed ? { ...schema, records } : schema;
}

function defaultValue(field: FieldDeclaration, type: ValueType, context: ReturnType<typeof rootContext>): string | number | boolean | undefined {
  const written = field.default;
  if (written === undefined) return undefined;
  if (!defaultable.has(type.kind)) {
    return reportError(context.reporter, "T1105", written.span, `a fact that is ${describeType(type)} has no default`, {
      help:
        type.kind === "optional"
          ? "a fact that may be absent is absent when left out: declare it without `optional` to give it a default"
          : type.kind === "series"
            ? `write the value of a period not given after the series' type: \`monthly money otherwise ${amountText(context.reporter, "0")}\``
            : "a default is one value: a yes/no, a number, an amount, a percentage, a date, a time, a text or a member of an enum",
    });
  }
  const checked = checkExpr(written, context, { type, declaredAt: field.type.span });
  if (checked === undefined) return undefined;
  const literal = literalOf(checked);
  if (literal === undefined || literal.value === null) {
    return reportError(context.reporter, "T1105", written.span, "a fact's default must be written out", {
      help: `write the value itself: \`0\`, \`${amountText(context.reporter, "0")}\`, \`60%\`, \`2021-10-20\`, a member of the enum`,
    });
  }
  const json = formatValue(literalRuntimeValue(literal.value), type);
  if (typeof json !== "string" && typeof json !== "number" && typeof json !== "boolean") throw new Error(`the default of ${field.name.name} is not one value`);
  return json;
}
