#!/usr/bin/env node
/**
 * Converts the YAML tests of the OpenFisca country template into tiao scenario tests of
 * policies/examples/openfisca-country-template/ (docs/openfisca.md describes the mapping).
 *
 *   node scripts/openfisca-tests.mjs <template>/openfisca_country_template/tests <out-folder>
 *
 * One test file per case and output period: a case whose outputs are given for several
 * periods becomes one test per period, dated the first day of that period. The figures are
 * the template's; what the converter adds is said where it is done, and nothing else.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { parse } from "yaml";

// ---------------------------------------------------------------- the template's variables

/** Inputs: where each goes in the scenario, and how the template spreads a value over a longer period. */
const inputs = {
  birth: { entity: "person", period: "eternity" },
  salary: { entity: "person", period: "month", divideByPeriod: true },
  capital_returns: { entity: "person", period: "month", divideByPeriod: true },
  has_car: { entity: "person", period: "month" },
  /** computed from the birth date in the template; given, it becomes a birth date (see ageAsBirth) */
  age: { entity: "person", period: "month", computed: true },
  rent: { entity: "household", period: "month" },
  accommodation_size: { entity: "household", period: "month" },
  housing_occupancy_status: { entity: "household", period: "month" },
  postal_code: { entity: "household", period: "month" },
};

/** Outputs: each variable is the output of the same name of the measure of the same name. */
const outputs = {
  age: { entity: "person", kind: "integer" },
  basic_income: { entity: "person", kind: "money" },
  pension: { entity: "person", kind: "bool" },
  income_tax: { entity: "person", kind: "money" },
  social_security_contribution: { entity: "person", kind: "money" },
  new_tax: { entity: "person", kind: "money" },
  goes_to_school: { entity: "person", kind: "bool" },
  housing_allowance: { entity: "household", kind: "money" },
  parenting_allowance: { entity: "household", kind: "money" },
  household_income: { entity: "household", kind: "money" },
  disposable_income: { entity: "household", kind: "money" },
  housing_tax: { entity: "household", kind: "money" },
  total_benefits: { entity: "household", kind: "money" },
  total_taxes: { entity: "household", kind: "money" },
  housing_occupancy_status: { entity: "household", kind: "input" },
};

/** The reforms of the template's tests, and the amendment of the tiao corpus that encodes each. */
const reforms = {
  "openfisca_country_template.reforms.add_new_tax.add_new_tax": "reforms/add-new-tax",
  "openfisca_country_template.reforms.add_dynamic_variable.add_dynamic_variable": "reforms/add-dynamic-variable",
  "openfisca_country_template.reforms.modify_social_security_taxation.modify_social_security_taxation": "reforms/modify-social-security-taxation",
};

// ---------------------------------------------------------------- periods

/** `2017-01` (a month) or `2017` (a year), as the template writes periods. */
function parsePeriod(text) {
  const period = String(text);
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month !== null) return { kind: "month", year: Number(month[1]), month: Number(month[2]), text: period };
  const year = /^(\d{4})$/.exec(period);
  if (year !== null) return { kind: "year", year: Number(year[1]), text: period };
  throw new Error(`unsupported period ${period}`);
}

/** A test is dated the first day of its period: the template computes a month's values at its start. */
function firstDay(period) {
  return `${period.year}-${String(period.kind === "month" ? period.month : 1).padStart(2, "0")}-01`;
}

function monthsOf(period) {
  if (period.kind === "month") return [period.text];
  return Array.from({ length: 12 }, (_, i) => `${period.year}-${String(i + 1).padStart(2, "0")}`);
}

// ---------------------------------------------------------------- values

/** Exact value of a YAML number or of an arithmetic expression (`600 - 200 / 12`) as a fraction of bigints. */
function fraction(value) {
  const text = String(value).trim();
  const tokens = text.match(/\d+(?:\.\d+)?|[-+*/()]/g);
  if (tokens === null || tokens.join("") !== text.replace(/\s+/g, "")) throw new Error(`cannot read the figure ${text}`);
  let position = 0;
  const number = (t) => {
    const [whole, decimals = ""] = t.split(".");
    return [BigInt(whole + decimals), 10n ** BigInt(decimals.length)];
  };
  const reduce = ([n, d]) => {
    const gcd = (a, b) => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
    const g = gcd(n, d) || 1n;
    return d < 0n ? [-n / g, -d / g] : [n / g, d / g];
  };
  const primary = () => {
    const t = tokens[position++];
    if (t === "(") {
      const inner = sum();
      position++;
      return inner;
    }
    if (t === "-") {
      const [n, d] = primary();
      return [-n, d];
    }
    return number(t);
  };
  const product = () => {
    let left = primary();
    while (tokens[position] === "*" || tokens[position] === "/") {
      const operator = tokens[position++];
      const right = primary();
      left = reduce(operator === "*" ? [left[0] * right[0], left[1] * right[1]] : [left[0] * right[1], left[1] * right[0]]);
    }
    return left;
  };
  const sum = () => {
    let left = product();
    while (tokens[position] === "+" || tokens[position] === "-") {
      const operator = tokens[position++];
      const right = product();
      left = reduce([left[0] * right[1] + (operator === "+" ? 1n : -1n) * right[0] * left[1], left[1] * right[1]]);
    }
    return left;
  };
  return sum();
}

/**
 * An amount to the cent, half up. The template compares amounts within
 * `absolute_error_margin`; tiao compares exactly, and its amounts are whole cents.
 */
function cents(value) {
  const [n, d] = fraction(value);
  const hundred = n * 100n;
  const quotient = hundred / d;
  const remainder = hundred % d;
  const rounded = 2n * (remainder < 0n ? -remainder : remainder) >= d ? quotient + (n < 0n ? -1n : 1n) : quotient;
  const sign = rounded < 0n ? "-" : "";
  const magnitude = (rounded < 0n ? -rounded : rounded).toString().padStart(3, "0");
  return `${sign}${magnitude.slice(0, -2)}.${magnitude.slice(-2)}`;
}

function outputValue(kind, value) {
  if (kind === "money") return cents(value);
  if (kind === "integer") return Number(value);
  return value;
}

/** An input's value as the scenario writes it: amounts as text to the cent, the rest as they are. */
function inputValue(name, value) {
  if (name === "salary" || name === "capital_returns" || name === "rent") return cents(value);
  if (name === "birth") return String(value instanceof Date ? value.toISOString().slice(0, 10) : value);
  return value;
}

/**
 * A monthly input given for a year: the template divides a salary or capital returns over the
 * year's months (`set_input_divide_by_period`), which holds only when the division falls on
 * whole cents; other inputs cannot be given for a year.
 */
function spread(name, value, period) {
  if (period.kind === "month") return { [period.text]: inputValue(name, value) };
  if (!inputs[name].divideByPeriod) throw new Error(`${name} cannot be given for the year ${period.text}`);
  const [n, d] = fraction(value);
  if ((n * 100n) % (d * 12n) !== 0n) throw new Error(`${name} of ${period.text} does not divide into whole cents a month`);
  const monthly = cents(`${value} / 12`);
  return Object.fromEntries(monthsOf(period).map((month) => [month, monthly]));
}

/** A person's input, by period: `salary: 0` is the test's period, `salary: {2016: 0}` the periods given. */
function seriesOf(name, value, testPeriod) {
  const given = typeof value === "object" && value !== null && !(value instanceof Date) ? value : { [testPeriod.text]: value };
  const series = {};
  for (const [period, amount] of Object.entries(given)) Object.assign(series, spread(name, amount, parsePeriod(period)));
  return series;
}

/**
 * `age` is computed in the template from the birth date; a test that gives it gives a person
 * of that age on the first day of the test's period: born that many years before that day.
 */
function ageAsBirth(age, testPeriod) {
  const day = firstDay(testPeriod);
  return `${String(Number(day.slice(0, 4)) - Number(age)).padStart(4, "0")}${day.slice(4)}`;
}

// ---------------------------------------------------------------- situations

/**
 * The household and its members. Without `household` and `persons`, the template's test
 * has one person, an adult, alone in one household.
 */
function situation(input, testPeriod) {
  const explicit = input !== undefined && ("household" in input || "persons" in input);
  const persons = explicit ? input.persons ?? {} : { person: Object.fromEntries(Object.entries(input ?? {}).filter(([name]) => inputs[name]?.entity === "person")) };
  const householdInput = explicit ? input.household ?? {} : Object.fromEntries(Object.entries(input ?? {}).filter(([name]) => inputs[name]?.entity === "household"));
  const unknown = explicit ? [] : Object.keys(input ?? {}).filter((name) => inputs[name] === undefined);
  if (unknown.length > 0) throw new Error(`unknown input ${unknown.join(", ")}`);
  const roles = explicit
    ? [...(householdInput.adults ?? []).map((name) => [name, "adult"]), ...(householdInput.children ?? []).map((name) => [name, "child"])]
    : [["person", "adult"]];
  const members = roles.map(([name, role]) => {
    const facts = { role };
    for (const [variable, value] of Object.entries(persons[name] ?? {})) {
      const declared = inputs[variable];
      if (declared?.entity !== "person") throw new Error(`unknown input ${variable} of ${name}`);
      if (declared.computed) facts.birth = ageAsBirth(value, testPeriod);
      else if (declared.period === "eternity") facts[variable] = inputValue(variable, value);
      else facts[variable] = seriesOf(variable, value, testPeriod);
    }
    return facts;
  });
  const household = { members };
  for (const [variable, value] of Object.entries(householdInput)) {
    if (variable === "adults" || variable === "children") continue;
    if (inputs[variable]?.entity !== "household") throw new Error(`unknown input ${variable} of the household`);
    household[variable] = seriesOf(variable, value, testPeriod);
  }
  return { household, names: roles.map(([name]) => name) };
}

// ---------------------------------------------------------------- outputs

/**
 * The expected outputs, by output period: `{income_tax: 1500}` is the test's period,
 * `{age: {2015-02: 34, 2015-03: 35}}` two periods; person outputs are per member, in the
 * order of the household's members.
 */
function expectations(output, testPeriod, names) {
  const byPeriod = new Map();
  const add = (period, variable, member, value) => {
    const declared = outputs[variable];
    if (declared === undefined) throw new Error(`unknown output ${variable}`);
    if (declared.kind === "input") return;
    if (!byPeriod.has(period)) byPeriod.set(period, {});
    const expected = byPeriod.get(period);
    const converted = outputValue(declared.kind, value);
    if (declared.entity === "household") expected[variable] = { [variable]: converted };
    else {
      expected[variable] ??= { [variable]: names.map(() => null) };
      expected[variable][variable][member] = converted;
    }
  };
  const addAll = (values, member) => {
    for (const [variable, value] of Object.entries(values)) {
      const periods = typeof value === "object" && value !== null ? Object.entries(value) : [[testPeriod.text, value]];
      for (const [period, figure] of periods) add(String(period), variable, member, figure);
    }
  };
  const explicit = "household" in output || "persons" in output;
  if (!explicit) addAll(output, 0);
  else {
    addAll(output.household ?? {}, 0);
    for (const [name, values] of Object.entries(output.persons ?? {})) addAll(values, names.indexOf(name));
  }
  return byPeriod;
}

// ---------------------------------------------------------------- files

function yamlFiles(folder) {
  return readdirSync(folder)
    .flatMap((entry) => {
      const path = join(folder, entry);
      return statSync(path).isDirectory() ? yamlFiles(path) : entry.endsWith(".yaml") ? [path] : [];
    })
    .sort();
}

function slug(text) {
  return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function convert(testsFolder) {
  const converted = [];
  for (const file of yamlFiles(testsFolder)) {
    const cases = parse(readFileSync(file, "utf8"));
    for (const [index, testCase] of cases.entries()) {
      const testPeriod = parsePeriod(testCase.period);
      const { household, names } = situation(testCase.input, testPeriod);
      const target = testCase.reforms === undefined ? "." : reforms[testCase.reforms];
      if (target === undefined) throw new Error(`${file}: unknown reform ${testCase.reforms}`);
      const periods = expectations(testCase.output, testPeriod, names);
      for (const [period, expected] of periods) {
        const date = firstDay(parsePeriod(period));
        const source = `${relative(testsFolder, file)} #${index + 1}`;
        converted.push({
          folder: target,
          file: `${slug(relative(testsFolder, file).replace(/\.yaml$/, ""))}-${index + 1}${periods.size > 1 ? `-${period}` : ""}.json`,
          test: {
            name: `${testCase.name}${periods.size > 1 ? ` (${period})` : ""} [${source}]`,
            scenario: { date, household },
            // the template computes only the variables a test asks for, and their dependencies
            measures: Object.keys(expected),
            expected,
          },
        });
      }
    }
  }
  return converted;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(basename(process.argv[1]))) {
  const [testsFolder, outFolder] = process.argv.slice(2);
  if (testsFolder === undefined || outFolder === undefined) {
    console.error("usage: node scripts/openfisca-tests.mjs <template tests folder> <out folder>");
    process.exit(2);
  }
  const converted = convert(testsFolder);
  for (const { folder, file, test } of converted) {
    const target = join(outFolder, folder, "tests");
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, file), `${JSON.stringify(test, null, 2)}\n`);
  }
  console.log(`${converted.length} tests written`);
}
