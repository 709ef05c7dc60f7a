/** The converter's entry point, typed for the tests (scripts/openfisca-tests.mjs). */
export interface ConvertedTest {
  /** the policy's folder (`.`) or the amendment's that encodes the case's reform */
  readonly folder: string;
  readonly file: string;
  readonly test: { readonly name: string; readonly scenario: { readonly date: string; readonly household: unknown }; readonly expected: unknown };
}

export function convert(testsFolder: string): ConvertedTest[];
