/**
 * The checker: the ASTs of all files of one policy → the program's IR and diagnostics.
 * Declarations are gathered from every file first, so a policy may spread its enums,
 * parameters and measures over several files in any order.
 */
import { headerField, type PolicyFile } from "../ast.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import type { MeasureIR, ParameterIR, PolicyInfo, ProgramIR } from "../ir.js";
import { checkQuotes } from "./citations.js";
import { checkCitedDocuments, checkDocumentQuotes, collectDocuments, type DeclaredDocument } from "./documents.js";
import { collectDeclarations } from "./declarations.js";
import { withFieldDefaults } from "./defaults.js";
import { moneyWord } from "../currency.js";
import { checkMoneyWords } from "./money-words.js";
import { linkMeasures } from "./measure-outputs.js";
import { checkMeasure, measureOutputsTable, measureSignatures } from "./measures.js";
import { checkParameters } from "./parameters.js";
import { checkScales } from "./scales.js";
import { newReporter, reportError, type Reporter } from "./report.js";

export interface CheckOptions {
  /** the text of the notice the policy encodes; when given, every quote must be found in it */
  readonly notice?: string;
  /**
   * When `notice` is not given: reads the notice the policy's header names (`notice "…"`),
   * once the policy has no other error; undefined leaves the quotes unchecked, a refusal is
   * an error at the header's `notice`.
   */
  readonly readNotice?: (fileName: string) => NoticeText | undefined;
  /** for an amendment checked with the policy it amends: the amendment's own files, whose parameter values say so */
  readonly amendmentFiles?: ReadonlySet<string>;
}

/** The text of a notice, or why it cannot be used (in the words of a diagnostic: the problem, then how to go on). */
export type NoticeText = string | { readonly refused: string; readonly help: string };

export interface CheckResult {
  /** present only when there is no error */
  readonly program?: ProgramIR;
  readonly diagnostics: Diagnostic[];
}

export function checkFiles(files: readonly PolicyFile[], options: CheckOptions = {}): CheckResult {
  const reporter = newReporter();
  const { symbols, policy, schema: declaredSchema } = collectDeclarations(files, reporter);
  if (policy !== undefined) reporter.moneyWord = moneyWord(policy);
  const schema = withFieldDefaults(declaredSchema, files, symbols, reporter);
  // a refused currency (T1101) is not the yuan either: its amounts are not reported again
  if (policy !== undefined && !reporter.diagnostics.some((d) => d.code === "T1101")) checkMoneyWords(files, policy, reporter);
  const parameters = checkParameters(symbols, reporter);
  const scales = checkScales(symbols, reporter);
  const signatures = symbols.measures.map((declaration) => measureSignatures(declaration, symbols, reporter));
  const outputs = measureOutputsTable(signatures);
  const checked = signatures.flatMap((measure): MeasureIR[] => {
    const ir = checkMeasure(measure, symbols, outputs, reporter);
    return ir === undefined ? [] : [ir];
  });
  const linked = hasErrors(reporter.diagnostics) ? checked : (linkMeasures(checked, reporter) ?? checked);
  const documents = collectDocuments(files, reporter);
  checkCitedDocuments(files, documents, reporter);
  const notice = options.notice ?? namedNotice(files, policy, reporter, options.readNotice);
  if (notice !== undefined) checkQuotes(files, notice, reporter);
  // An amendment's documents are read by compile.ts, each part from its own folder.
  if (options.amendmentFiles === undefined) checkDocumentQuotes(files, documents, options.readNotice, reporter);
  const { diagnostics } = reporter;
  if (policy === undefined || hasErrors(diagnostics)) return { diagnostics };
  const amended = options.amendmentFiles === undefined ? parameters : markAmendedValues(parameters, options.amendmentFiles, `${policy.name} ${policy.version}`);
  const titled = documents.size === 0 ? { parameters: amended, scales, measures: linked } : withDocumentTitles({ parameters: amended, scales, measures: linked }, documents);
  return { program: { policy, schema, ...titled }, diagnostics };
}

/** The IR with each citation of a declared document given the document's title, as explanations and generated comments name it. */
function withDocumentTitles<T>(value: T, documents: ReadonlyMap<string, DeclaredDocument>): T {
  const visit = (inner: unknown): unknown => {
    if (Array.isArray(inner)) return inner.map(visit);
    if (inner === null || typeof inner !== "object") return inner;
    const prototype: unknown = Object.getPrototypeOf(inner);
    if (prototype !== Object.prototype && prototype !== null) return inner;
    const entries = Object.entries(inner).map(([key, field]): [string, unknown] => {
      if (key === "span") return [key, field];
      if (key === "document" && typeof field === "object" && field !== null && "name" in field && "title" in field) {
        const declared = documents.get(String(field.name));
        return [key, declared === undefined ? field : { name: declared.name, title: declared.title }];
      }
      return [key, visit(field)];
    });
    const copy: Record<string, unknown> = prototype === null ? Object.create(null) : {};
    for (const [key, field] of entries) copy[key] = field;
    return copy;
  };
  return visit(value) as T;
}

/** The values an amendment gives, marked with its name and version, so that explanations say which version a value comes from. */
function markAmendedValues(parameters: readonly ParameterIR[], amendmentFiles: ReadonlySet<string>, amendment: string): ParameterIR[] {
  return parameters.map((parameter) => ({
    ...parameter,
    values: parameter.values.map((value) => (amendmentFiles.has(value.span.file) ? { ...value, amendment } : value)),
  }));
}

/** The text of the notice the header names, read only for a policy that is otherwise correct. */
function namedNotice(
  files: readonly PolicyFile[],
  policy: PolicyInfo | undefined,
  reporter: Reporter,
  readNotice: CheckOptions["readNotice"],
): string | undefined {
  const fileName = policy?.notice;
  if (policy === undefined || fileName === undefined || readNotice === undefined || hasErrors(reporter.diagnostics)) return undefined;
  const notice = readNotice(fileName);
  if (typeof notice !== "object") return notice;
  const span = headerField(files, "notice")?.value.span ?? policy.span;
  return reportError(reporter, "T0603", span, `cannot use the notice ${JSON.stringify(fileName)}: ${notice.refused}`, { help: notice.help });
}
