/**
 * Exactness of values as generated code returns them: an amount of money is a whole number
 * of fen, within the safe integers, wherever it sits (an output, a field of a record, an
 * item of a list).
 */
import type { RecordValue, RuntimeValue } from "../../runtime/index.js";
import type { FactSchema, ValueType } from "../../runtime/types.js";

/** The amounts that are not a whole number of fen, with where they are. */
export function inexactAmounts(value: RuntimeValue | undefined, type: ValueType, schema: FactSchema, where: string): string[] {
  if (value === null || value === undefined) return [];
  switch (type.kind) {
    case "money":
      return typeof value === "number" && Number.isSafeInteger(value) ? [] : [`${where} = ${String(value)} fen`];
    case "optional":
      return inexactAmounts(value, type.of, schema, where);
    case "list":
      return (value as readonly RecordValue[]).flatMap((item, index) => recordAmounts(item, type.of, schema, `${where}[${index}]`));
    case "record":
      return recordAmounts(value as RecordValue, type.name, schema, where);
    default:
      return [];
  }
}

function recordAmounts(record: RecordValue, name: string, schema: FactSchema, where: string): string[] {
  const declaration = schema.records.find((candidate) => candidate.name === name);
  if (declaration === undefined) return [`${where}: no record ${name}`];
  return declaration.fields.flatMap((field) => inexactAmounts(record[field.name], field.type, schema, `${where}.${field.name}`));
}
