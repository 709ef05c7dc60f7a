/**
 * The two SQL dialects the SQL target writes, and the runtime each gets in its setup file:
 * SQL functions (DuckDB macros, PostgreSQL `LANGUAGE sql` functions, which both inline)
 * that do what runtime/ does — checked arithmetic on whole numbers, exact decimals, the
 * three roundings, the month rule, the last day of a term — and print values as `tiao run`
 * prints them. A function returns NULL where the runtime throws; the emitted query turns
 * that NULL into the runtime's message (compiler/sql/expression.ts).
 *
 * docs/sql.md lists the differences, dialect by dialect.
 */
import type { ValueType } from "../../runtime/types.js";

export type Dialect = "duckdb" | "postgres";
export const dialects: readonly Dialect[] = ["duckdb", "postgres"];

/**
 * The largest decimal DuckDB holds exactly here: DECIMAL(38,10) with products computed at
 * scale 20, whose range is below 10^18. PostgreSQL's NUMERIC has no such bound.
 */
export const DUCKDB_DECIMAL = "DECIMAL(38,10)";
export const DUCKDB_DECIMAL_LIMIT = "100000000000000000";

/** The SQL type of a column holding values of `type` (records and lists have tables instead). */
export function sqlType(type: ValueType, dialect: Dialect): string {
  switch (type.kind) {
    case "bool":
      return "BOOLEAN";
    case "integer":
    case "months":
    case "days":
    case "money": // fen
    case "percent": // millionths
    case "time": // minutes since midnight
      return "BIGINT";
    case "decimal":
    case "unrounded_money": // yuan
      return dialect === "duckdb" ? DUCKDB_DECIMAL : "NUMERIC";
    case "date":
      return "DATE";
    case "enum":
    case "text": // at most TEXT_MAX_LENGTH characters, checked when a case is read
    case "set": // member names, sorted, joined by commas
      return dialect === "duckdb" ? "VARCHAR" : "TEXT";
    case "optional":
      return sqlType(type.of, dialect);
    case "record":
    case "list":
    case "per_member":
    case "series":
      throw new Error(`a ${type.kind} has no column type`);
  }
}

const MAX_SAFE = "9007199254740991";
/** days from 0001-01-01 to 9999-12-31: no date arithmetic within the range adds more */
const MAX_DAYS = "3652059";

/** The runtime functions, as the setup file defines them. */
export function runtimeFunctions(dialect: Dialect): string {
  return dialect === "duckdb" ? duckdbRuntime : postgresRuntime;
}

/** n × millionths / 10^6 rounded, for a product `p` below 2^62 in magnitude (BIGINT), by the rounding modes of runtime/money.ts */
const percentOfInBigint: Readonly<Record<"floor" | "ceil" | "half_up" | "down" | "up", (p: string) => string>> = {
  floor: (p) => `CASE WHEN ${p} >= 0 THEN ${p} // 1000000 ELSE (${p} - 999999) // 1000000 END`,
  ceil: (p) => `CASE WHEN ${p} >= 0 THEN (${p} + 999999) // 1000000 ELSE ${p} // 1000000 END`,
  half_up: (p) => `CASE WHEN ${p} >= 0 THEN (${p} + 500000) // 1000000 ELSE (${p} - 500000) // 1000000 END`,
  down: (p) => `${p} // 1000000`,
  up: (p) => `CASE WHEN ${p} >= 0 THEN (${p} + 999999) // 1000000 ELSE (${p} - 999999) // 1000000 END`,
};

const duckdbRuntime = `-- Whole numbers (integers, months, days, fen) are exact up to 2^53 - 1, as in runtime/money.ts:
-- a result beyond is NULL (the error "too large"). Every whole number a query reads is within
-- (the cases are checked when read, the parameters table by its CHECK), so a sum or a
-- difference of two is exact in BIGINT (a number beyond, loaded by other means, stops the query
-- with DuckDB's overflow error, never a wrong value); a product is computed in BIGINT when both factors
-- are below 2^26.5, else in HUGEINT.
CREATE OR REPLACE MACRO tiao_whole(x) AS CASE WHEN x BETWEEN -${MAX_SAFE} AND ${MAX_SAFE} THEN CAST(x AS BIGINT) END;
CREATE OR REPLACE MACRO tiao_add(a, b) AS tiao_whole(a + b);
CREATE OR REPLACE MACRO tiao_sub(a, b) AS tiao_whole(a - b);
CREATE OR REPLACE MACRO tiao_mul(a, b) AS
  CASE WHEN abs(a) < 94906265 AND abs(b) < 94906265 THEN a * b ELSE tiao_whole(CAST(a AS HUGEINT) * b) END;

-- Decimals and unrounded yuan: exact in ${DUCKDB_DECIMAL} below 10^17; a result that is not
-- exact there is NULL (runtime/decimal.ts has no bound; docs/sql.md).
CREATE OR REPLACE MACRO tiao_decimal(x) AS CASE WHEN abs(x) < ${DUCKDB_DECIMAL_LIMIT} AND CAST(x AS ${DUCKDB_DECIMAL}) = x THEN CAST(x AS ${DUCKDB_DECIMAL}) END;
CREATE OR REPLACE MACRO tiao_decimal_bounded(x) AS CASE WHEN abs(x) < ${DUCKDB_DECIMAL_LIMIT} THEN x END;
CREATE OR REPLACE MACRO tiao_decimal_add(a, b) AS tiao_decimal_bounded(CAST(a AS ${DUCKDB_DECIMAL}) + b);
CREATE OR REPLACE MACRO tiao_decimal_sub(a, b) AS tiao_decimal_bounded(CAST(a AS ${DUCKDB_DECIMAL}) - b);
-- the guard in DOUBLE keeps the exact product (at scale 20) within DECIMAL(38)
CREATE OR REPLACE MACRO tiao_decimal_mul(a, b) AS CASE WHEN abs(CAST(a AS DOUBLE) * CAST(b AS DOUBLE)) < 1e17 THEN tiao_decimal(CAST(a AS ${DUCKDB_DECIMAL}) * CAST(b AS ${DUCKDB_DECIMAL})) END;
CREATE OR REPLACE MACRO tiao_yuan(fen) AS CAST(CAST(fen AS ${DUCKDB_DECIMAL}) * 0.01 AS ${DUCKDB_DECIMAL});
CREATE OR REPLACE MACRO tiao_fraction(millionths) AS CAST(CAST(millionths AS ${DUCKDB_DECIMAL}) * 0.000001 AS ${DUCKDB_DECIMAL});
CREATE OR REPLACE MACRO tiao_integer_decimal(n) AS CAST(n AS ${DUCKDB_DECIMAL});
-- a scale's amount, computed in whole 10^-8 yuan (fen × millionths, below 10^38), in yuan
CREATE OR REPLACE MACRO tiao_scale_yuan(units) AS CAST(tiao_decimal_bounded(CAST(units AS DECIMAL(38,0)) * CAST(0.00000001 AS DECIMAL(9,8))) AS ${DUCKDB_DECIMAL});

-- Rounding, symmetric as in runtime/money.ts: half_up sends a half away from zero.
CREATE OR REPLACE MACRO tiao_round_half_up(x) AS tiao_whole(CAST(sign(x) * floor(abs(x) + 0.5) AS HUGEINT));
CREATE OR REPLACE MACRO tiao_round_down(x) AS tiao_whole(CAST(trunc(x) AS HUGEINT));
CREATE OR REPLACE MACRO tiao_round_up(x) AS tiao_whole(CAST(sign(x) * ceil(abs(x)) AS HUGEINT));
-- round(n × percent) fused, in whole numbers as runtime/money.ts multiplyMoneyByPercent: n × millionths / 10^6
CREATE OR REPLACE MACRO tiao_quotient_half_up(n, d) AS tiao_whole(sign(n) * ((abs(n) + d // 2) // d));
CREATE OR REPLACE MACRO tiao_quotient_down(n, d) AS tiao_whole(sign(n) * (abs(n) // d));
CREATE OR REPLACE MACRO tiao_quotient_up(n, d) AS tiao_whole(sign(n) * ((abs(n) + d - 1) // d));
CREATE OR REPLACE MACRO tiao_quotient_floor(n, d) AS tiao_whole(CASE WHEN n >= 0 THEN n // d ELSE -((d - 1 - n) // d) END);
CREATE OR REPLACE MACRO tiao_quotient_ceil(n, d) AS tiao_whole(CASE WHEN n >= 0 THEN (n + d - 1) // d ELSE -((-n) // d) END);
-- the product in BIGINT when both factors are below 2^31, else in HUGEINT; in BIGINT the product is
-- below 2^62 and its quotient below 2^53, and \`//\` truncates toward zero: one division rounds it
${Object.entries(percentOfInBigint)
  .map(
    ([mode, rounded]) => `CREATE OR REPLACE MACRO tiao_percent_of_${mode}(n, millionths) AS
  CASE WHEN abs(n) < 2147483648 AND abs(millionths) < 2147483648 THEN ${rounded("n * millionths")}
    ELSE tiao_quotient_${mode}(CAST(n AS HUGEINT) * millionths, 1000000) END;`,
  )
  .join("\n")}
CREATE OR REPLACE MACRO tiao_floor(x) AS tiao_whole(CAST(floor(x) AS HUGEINT));
CREATE OR REPLACE MACRO tiao_ceil(x) AS tiao_whole(CAST(ceil(x) AS HUGEINT));

-- Quotients (runtime/division.ts): a quotient keeps 30 decimals, truncated, and a digit 1
-- for a rest that is not zero, which DECIMAL(38,10) cannot hold. Within an expression that
-- divides, every value is therefore an exact decimal c / 10^s, a STRUCT(c HUGEINT, s INTEGER)
-- with no trailing zero in c (a "wide" decimal); a division is a long division in steps of
-- 19 digits, so that no product leaves HUGEINT. A value such an expression gives (a column,
-- an output) is back in ${DUCKDB_DECIMAL} where it is exact there, or rounded (\`round\`,
-- \`floor\`, \`ceil\`, whole numbers). Each macro is NULL where the exact value would leave
-- HUGEINT (beyond 10^37 as a coefficient): the error "beyond DuckDB's range", never another
-- value. Each binds its operands once, in a list of one element, as DuckDB macros repeat an
-- argument where it is used.
CREATE OR REPLACE MACRO tiao_p10(t) AS CASE WHEN t BETWEEN 0 AND 38 THEN [${Array.from({ length: 39 }, (_, t) => `CAST(1${"0".repeat(t)} AS HUGEINT)`).join(", ")}][t + 1] END;
CREATE OR REPLACE MACRO tiao_w_zeros(c) AS length(CAST(c AS VARCHAR)) - length(rtrim(CAST(c AS VARCHAR), '0'));
CREATE OR REPLACE MACRO tiao_w(c, s) AS list_transform([{'c': CAST(c AS HUGEINT), 's': CAST(s AS INTEGER)}], tiao_wv ->
  CASE WHEN tiao_wv.c IS NULL OR tiao_wv.s IS NULL THEN NULL
    WHEN tiao_wv.c = 0 THEN {'c': CAST(0 AS HUGEINT), 's': CAST(0 AS INTEGER)}
    ELSE {'c': tiao_wv.c // tiao_p10(least(tiao_wv.s, tiao_w_zeros(tiao_wv.c))), 's': tiao_wv.s - least(tiao_wv.s, tiao_w_zeros(tiao_wv.c))} END)[1];
CREATE OR REPLACE MACRO tiao_w_decimal(x) AS tiao_w(CAST(x * 10000000000 AS HUGEINT), 10);
CREATE OR REPLACE MACRO tiao_w_narrow(a) AS list_transform([a], tiao_nv ->
  CASE WHEN tiao_nv.s <= 10 AND abs(tiao_nv.c) < tiao_p10(17 + tiao_nv.s)
    THEN CAST(CAST(tiao_nv.c * tiao_p10(10 - tiao_nv.s) AS ${DUCKDB_DECIMAL}) * 0.0000000001 AS ${DUCKDB_DECIMAL}) END)[1];
CREATE OR REPLACE MACRO tiao_w_neg(a) AS list_transform([a], tiao_gv -> CASE WHEN tiao_gv IS NOT NULL THEN {'c': -tiao_gv.c, 's': tiao_gv.s} END)[1];
CREATE OR REPLACE MACRO tiao_w_add(a, b) AS list_transform([{'a': a, 'b': b}], tiao_av ->
  CASE WHEN tiao_av.a IS NOT NULL AND tiao_av.b IS NOT NULL
    AND abs(CAST(tiao_av.a.c AS DOUBLE)) * power(10, greatest(tiao_av.a.s, tiao_av.b.s) - tiao_av.a.s) < 1e37 AND abs(CAST(tiao_av.b.c AS DOUBLE)) * power(10, greatest(tiao_av.a.s, tiao_av.b.s) - tiao_av.b.s) < 1e37
    THEN tiao_w(tiao_av.a.c * tiao_p10(greatest(tiao_av.a.s, tiao_av.b.s) - tiao_av.a.s) + tiao_av.b.c * tiao_p10(greatest(tiao_av.a.s, tiao_av.b.s) - tiao_av.b.s), greatest(tiao_av.a.s, tiao_av.b.s)) END)[1];
CREATE OR REPLACE MACRO tiao_w_sub(a, b) AS tiao_w_add(a, tiao_w_neg(b));
-- a whole factor's trailing zeros cancel the other's decimals first (a quotient × 100); the
-- guard in DOUBLE keeps the exact product below 1.7 × 10^38
CREATE OR REPLACE MACRO tiao_w_mul(a, b) AS list_transform([{'a': a, 'b': b}], tiao_mv ->
  CASE WHEN tiao_mv.a IS NOT NULL AND tiao_mv.b IS NOT NULL THEN
    list_transform([{'a': tiao_mv.a.c // tiao_p10(least(tiao_mv.b.s, tiao_w_zeros(tiao_mv.a.c))), 'b': tiao_mv.b.c // tiao_p10(least(tiao_mv.a.s, tiao_w_zeros(tiao_mv.b.c))),
        's': tiao_mv.a.s + tiao_mv.b.s - least(tiao_mv.b.s, tiao_w_zeros(tiao_mv.a.c)) - least(tiao_mv.a.s, tiao_w_zeros(tiao_mv.b.c))}], tiao_pv ->
      CASE WHEN abs(CAST(tiao_pv.a AS DOUBLE) * CAST(tiao_pv.b AS DOUBLE)) < 1e37 THEN tiao_w(tiao_pv.a * tiao_pv.b, tiao_pv.s) END)[1]
  END)[1];
-- a / b = trunc(a.c × 10^e / b.c) / 10^30 with e = b.s + 30 - a.s: the quotient of the
-- coefficients, then e digits brought down 19 at a time (the divisor below 10^18)
CREATE OR REPLACE MACRO tiao_w_div_start(a, b) AS list_transform([{'a': a, 'b': b}], tiao_dv ->
  CASE WHEN tiao_dv.a IS NULL OR tiao_dv.b IS NULL OR tiao_dv.b.c = 0 THEN NULL
    WHEN (tiao_dv.b.s + 30 - tiao_dv.a.s) >= 0 THEN CASE WHEN abs(tiao_dv.b.c) < CAST(1000000000000000000 AS HUGEINT) THEN
      {'q': abs(tiao_dv.a.c) // abs(tiao_dv.b.c), 'r': abs(tiao_dv.a.c) % abs(tiao_dv.b.c), 'd': abs(tiao_dv.b.c), 'e': (tiao_dv.b.s + 30 - tiao_dv.a.s), 'negative': (tiao_dv.a.c < 0) <> (tiao_dv.b.c < 0)} END
    WHEN abs(tiao_dv.b.c) < tiao_p10(37 + (tiao_dv.b.s + 30 - tiao_dv.a.s)) THEN
      {'q': abs(tiao_dv.a.c) // (abs(tiao_dv.b.c) * tiao_p10((tiao_dv.a.s - tiao_dv.b.s - 30))), 'r': abs(tiao_dv.a.c) % (abs(tiao_dv.b.c) * tiao_p10((tiao_dv.a.s - tiao_dv.b.s - 30))),
       'd': abs(tiao_dv.b.c) * tiao_p10((tiao_dv.a.s - tiao_dv.b.s - 30)), 'e': CAST(0 AS INTEGER), 'negative': (tiao_dv.a.c < 0) <> (tiao_dv.b.c < 0)}
  END)[1];
CREATE OR REPLACE MACRO tiao_w_div_step(state) AS list_transform([state], tiao_sv ->
  CASE WHEN tiao_sv IS NULL THEN NULL WHEN least(tiao_sv.e, 19) = 0 OR tiao_sv.r = 0 THEN tiao_sv
    WHEN tiao_sv.q < tiao_p10(37 - least(tiao_sv.e, 19)) THEN
      {'q': tiao_sv.q * tiao_p10(least(tiao_sv.e, 19)) + (tiao_sv.r * tiao_p10(least(tiao_sv.e, 19))) // tiao_sv.d, 'r': (tiao_sv.r * tiao_p10(least(tiao_sv.e, 19))) % tiao_sv.d,
       'd': tiao_sv.d, 'e': tiao_sv.e - least(tiao_sv.e, 19), 'negative': tiao_sv.negative}
  END)[1];
CREATE OR REPLACE MACRO tiao_w_div_end(state) AS list_transform([state], tiao_ev ->
  CASE WHEN tiao_ev IS NULL THEN NULL
    -- the division ended: the digits still to bring down are zeros
    WHEN tiao_ev.r = 0 AND tiao_ev.e <= 30 THEN tiao_w(CASE WHEN tiao_ev.negative THEN -tiao_ev.q ELSE tiao_ev.q END, 30 - tiao_ev.e)
    WHEN tiao_ev.r = 0 THEN CASE WHEN tiao_ev.q < tiao_p10(37 - (tiao_ev.e - 30)) THEN
      tiao_w(CASE WHEN tiao_ev.negative THEN -tiao_ev.q ELSE tiao_ev.q END * tiao_p10(tiao_ev.e - 30), 0) END
    WHEN tiao_ev.e <> 0 THEN NULL
    WHEN tiao_ev.q < tiao_p10(37) THEN tiao_w(CASE WHEN tiao_ev.negative THEN -(tiao_ev.q * 10 + 1) ELSE tiao_ev.q * 10 + 1 END, 31)
  END)[1];
-- NULL also for a divisor of zero, which the query reports as the runtime's division by zero
CREATE OR REPLACE MACRO tiao_w_div(a, b) AS tiao_w_div_end(tiao_w_div_step(tiao_w_div_step(tiao_w_div_step(tiao_w_div_step(tiao_w_div_start(a, b))))));
CREATE OR REPLACE MACRO tiao_order(x, y) AS CASE WHEN x < y THEN -1 WHEN x > y THEN 1 ELSE 0 END;
CREATE OR REPLACE MACRO tiao_w_cmp(a, b) AS list_transform([{'a': a, 'b': b}], tiao_cv ->
  CASE WHEN tiao_cv.a IS NULL OR tiao_cv.b IS NULL THEN NULL
    WHEN tiao_cv.a.s >= tiao_cv.b.s THEN CASE WHEN abs(tiao_cv.b.c) < tiao_p10(37 - (tiao_cv.a.s - tiao_cv.b.s)) THEN
      tiao_order(tiao_cv.a.c, tiao_cv.b.c * tiao_p10(tiao_cv.a.s - tiao_cv.b.s)) END
    WHEN abs(tiao_cv.a.c) < tiao_p10(37 - (tiao_cv.b.s - tiao_cv.a.s)) THEN tiao_order(tiao_cv.a.c * tiao_p10(tiao_cv.b.s - tiao_cv.a.s), tiao_cv.b.c)
  END)[1];
CREATE OR REPLACE MACRO tiao_w_min(a, b) AS list_transform([{'a': a, 'b': b}], tiao_iv ->
  CASE WHEN tiao_w_cmp(tiao_iv.a, tiao_iv.b) <= 0 THEN tiao_iv.a WHEN tiao_w_cmp(tiao_iv.a, tiao_iv.b) > 0 THEN tiao_iv.b END)[1];
CREATE OR REPLACE MACRO tiao_w_max(a, b) AS list_transform([{'a': a, 'b': b}], tiao_xv ->
  CASE WHEN tiao_w_cmp(tiao_xv.a, tiao_xv.b) >= 0 THEN tiao_xv.a WHEN tiao_w_cmp(tiao_xv.a, tiao_xv.b) < 0 THEN tiao_xv.b END)[1];
-- rounded to \`places\` decimals (0: a whole number, 2: fen), as runtime/money.ts rounds
${Object.entries({
  half_up: "CASE WHEN tiao_rv.r >= tiao_rv.d - tiao_rv.r THEN 1 ELSE 0 END",
  down: "0",
  up: "CASE WHEN tiao_rv.r > 0 THEN 1 ELSE 0 END",
  floor: "CASE WHEN tiao_rv.c < 0 AND tiao_rv.r > 0 THEN 1 ELSE 0 END",
  ceil: "CASE WHEN tiao_rv.c > 0 AND tiao_rv.r > 0 THEN 1 ELSE 0 END",
})
  .map(
    ([mode, away]) => `CREATE OR REPLACE MACRO tiao_w_round_${mode}(a, places) AS list_transform([a], tiao_ov ->
  CASE WHEN tiao_ov IS NULL THEN NULL
    WHEN tiao_ov.s <= places THEN tiao_whole(CASE WHEN abs(tiao_ov.c) < tiao_p10(20) THEN tiao_ov.c * tiao_p10(places - tiao_ov.s) END)
    -- with more than 38 places beyond \`places\` (tiao_p10 NULL) the value is below 0.17 units: none whole, the rest is all of it
    ELSE list_transform([{'c': tiao_ov.c, 'd': tiao_p10(tiao_ov.s - places), 'q': coalesce(abs(tiao_ov.c) // tiao_p10(tiao_ov.s - places), 0),
        'r': coalesce(abs(tiao_ov.c) % tiao_p10(tiao_ov.s - places), abs(tiao_ov.c))}], tiao_rv ->
      tiao_whole(CASE WHEN tiao_rv.c < 0 THEN -1 ELSE 1 END * (tiao_rv.q + ${away})))[1]
  END)[1];`,
  )
  .join("\n")}

-- Dates stay within the years 0001 to 9999 (runtime/dates.ts).
CREATE OR REPLACE MACRO tiao_date(d) AS CASE WHEN d BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN d END;
CREATE OR REPLACE MACRO tiao_date_through(d, last) AS CASE WHEN d BETWEEN DATE '0001-01-01' AND last THEN d END;
CREATE OR REPLACE MACRO tiao_add_days(d, n) AS CASE WHEN n BETWEEN -${MAX_DAYS} AND ${MAX_DAYS} THEN tiao_date(d + CAST(n AS INTEGER)) END;
CREATE OR REPLACE MACRO tiao_month_index(d, n) AS year(d) * 12 + month(d) - 1 + n;
CREATE OR REPLACE MACRO tiao_days_in_month(month_index) AS day(last_day(make_date(month_index // 12, month_index % 12 + 1, 1)));
-- The month rule: the same day n months later, clamped to the last day of a shorter month,
-- as DuckDB adds months to a date (one conversion of the date, where year(), month() and
-- make_date() convert it three times); n within the 119,988 months of the years 0001-9999.
CREATE OR REPLACE MACRO tiao_months_later(d, n) AS CAST(d + to_months(CAST(n AS INTEGER)) AS DATE);
CREATE OR REPLACE MACRO tiao_add_months(d, n) AS CASE WHEN n BETWEEN -119999 AND 119999 THEN tiao_date(tiao_months_later(d, n)) END;
-- The last day of a term of n months from d (Civil Code arts. 201-202): the day before the
-- corresponding day, or the last day of a month that has no such day. From the second of a
-- month, the month rule on the day before d: the day before the corresponding day where the
-- month has it, else its last day. From the first, the last day of the month before the
-- corresponding month, which the month rule on the day before d (the last day of the month
-- before d's) falls in; that corresponding month must be within the years 0001-9999, so that
-- last day not after 9999-11-30. One month rule a term, where the corresponding day and its
-- test cost two.
CREATE OR REPLACE MACRO tiao_last_day_of_term(d, n) AS
  CASE WHEN n BETWEEN 0 AND 119999 THEN
    CASE WHEN day(d) = 1 THEN tiao_date_through(last_day(tiao_months_later(d - 1, n)), DATE '9999-11-30')
    ELSE tiao_date(tiao_months_later(d - 1, n)) END
  END;
CREATE OR REPLACE MACRO tiao_days_between(later, earlier) AS CAST(later - earlier AS BIGINT);

-- Series (runtime/series.ts): a period's key as the runtime writes it ("2024-01", "2024"; the
-- year padded to 4 characters, as JavaScript's padStart pads it), from the period's number
-- (months: year × 12 + month − 1), and the periods of a series (a LIST of STRUCT(period, value)
-- in the periods' order) given, by key or between two keys.
CREATE OR REPLACE MACRO tiao_pad(t, n) AS lpad(t, CAST(greatest(length(t), n) AS INTEGER), '0');
CREATE OR REPLACE MACRO tiao_year_key(y) AS tiao_pad(CAST(y AS VARCHAR), 4);
CREATE OR REPLACE MACRO tiao_month_key(i) AS tiao_pad(CAST(CAST(floor(i / 12) AS BIGINT) AS VARCHAR), 4) || '-' || tiao_pad(CAST(i % 12 + 1 AS VARCHAR), 2);
CREATE OR REPLACE MACRO tiao_series_has(s, k) AS list_contains(list_transform(s, tiao_p -> struct_extract(tiao_p, 'period')), k);
CREATE OR REPLACE MACRO tiao_series_value(s, k) AS struct_extract(list_filter(s, tiao_p -> struct_extract(tiao_p, 'period') = k)[1], 'value');
-- the value of the period k, or m when it is not given (a period given as null stays null)
CREATE OR REPLACE MACRO tiao_series_value_or(s, k, m) AS struct_extract(coalesce(list_filter(s, tiao_p -> struct_extract(tiao_p, 'period') = k)[1], struct_pack(period := NULL, value := m)), 'value');
CREATE OR REPLACE MACRO tiao_series_between(s, lo, hi) AS list_filter(s, tiao_p -> struct_extract(tiao_p, 'period') BETWEEN lo AND hi);
CREATE OR REPLACE MACRO tiao_series_sum(s, lo, hi) AS coalesce(list_sum(list_transform(tiao_series_between(s, lo, hi), tiao_p -> struct_extract(tiao_p, 'value'))), 0);
CREATE OR REPLACE MACRO tiao_series_count(s, lo, hi) AS len(tiao_series_between(s, lo, hi));

-- Values as \`tiao run\` prints them.
-- yuan with two decimals, as DuckDB writes a DECIMAL(18,2) (exact: |fen| < 2^53 < 10^16; the
-- product of a DECIMAL(16,0) and a DECIMAL(2,2) fits 18 digits, with no check of overflow)
CREATE OR REPLACE MACRO tiao_money_text(fen) AS CAST(CAST(fen AS DECIMAL(16,0)) * CAST(0.01 AS DECIMAL(2,2)) AS VARCHAR);
-- a whole percentage from 0% to 100% read from the list of the 101 texts, a constant DuckDB
-- makes once for the query (formatting each value cost three times as much); another whole
-- percentage (150%, -5%) is one cast: its sign is the quotient's
CREATE OR REPLACE MACRO tiao_percent_text(millionths) AS CASE
  WHEN millionths % 10000 = 0 AND millionths BETWEEN 0 AND 1000000 THEN list_transform(range(101), tiao_pv -> CAST(tiao_pv AS VARCHAR) || '%')[millionths // 10000 + 1]
  WHEN millionths % 10000 = 0 THEN CAST(millionths // 10000 AS VARCHAR) || '%' ELSE
  CASE WHEN millionths < 0 THEN '-' ELSE '' END || CAST(abs(millionths) // 10000 AS VARCHAR)
  || '.' || rtrim(lpad(CAST(abs(millionths) % 10000 AS VARCHAR), 4, '0'), '0') || '%' END;
CREATE OR REPLACE MACRO tiao_decimal_text(x) AS regexp_replace(CAST(x AS VARCHAR), '\\.?0+$', '');
CREATE OR REPLACE MACRO tiao_date_text(d) AS strftime(d, '%Y-%m-%d');
-- a time of a day (0 to 1439 minutes) read from the list of the 1440 texts, a constant DuckDB
-- makes once for the query: formatting each value cost four times as much
CREATE OR REPLACE MACRO tiao_time_format(minutes) AS lpad(CAST(minutes // 60 AS VARCHAR), 2, '0') || ':' || lpad(CAST(minutes % 60 AS VARCHAR), 2, '0');
CREATE OR REPLACE MACRO tiao_time_text(minutes) AS CASE WHEN minutes BETWEEN 0 AND 1439
  THEN list_transform(range(1440), tiao_tv -> tiao_time_format(tiao_tv))[minutes + 1] ELSE tiao_time_format(minutes) END;
-- a time of a day in the flat results: an ENUM of the 1440 texts, which DuckDB writes from its
-- dictionary (a VARCHAR's texts are hashed one by one into the dictionary of the Parquet file)
CREATE TYPE IF NOT EXISTS tiao_time_of_day AS ENUM (SELECT tiao_time_format(tiao_tv) FROM range(1440) AS tiao_times(tiao_tv) ORDER BY tiao_tv);
CREATE OR REPLACE MACRO tiao_time_value(minutes) AS CASE WHEN minutes BETWEEN 0 AND 1439
  THEN CAST(enum_range(NULL::tiao_time_of_day) AS tiao_time_of_day[])[minutes + 1] END;
-- the minutes of a time of a day written HH:MM (00:00 to 23:59), NULL for any other text: one
-- lookup in the ENUM's dictionary, where a pattern match and two casts cost three times as much
CREATE OR REPLACE MACRO tiao_time_minutes(t) AS CAST(enum_code(TRY_CAST(t AS tiao_time_of_day)) AS INTEGER);
`;

const postgresRuntime = `-- Whole numbers (integers, months, days, fen) are exact up to 2^53 - 1, as in runtime/money.ts:
-- arithmetic is done in NUMERIC and a result beyond is NULL (the error "too large").
CREATE OR REPLACE FUNCTION tiao_whole(x numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN x BETWEEN -${MAX_SAFE} AND ${MAX_SAFE} THEN x::bigint END $$;
CREATE OR REPLACE FUNCTION tiao_add(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(a::numeric + b) $$;
CREATE OR REPLACE FUNCTION tiao_sub(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(a::numeric - b) $$;
CREATE OR REPLACE FUNCTION tiao_mul(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(a::numeric * b) $$;

-- Decimals and unrounded yuan: NUMERIC, exact like runtime/decimal.ts.
CREATE OR REPLACE FUNCTION tiao_decimal_add(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a + b $$;
CREATE OR REPLACE FUNCTION tiao_decimal_sub(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a - b $$;
CREATE OR REPLACE FUNCTION tiao_decimal_mul(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a * b $$;
CREATE OR REPLACE FUNCTION tiao_yuan(fen bigint) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT fen::numeric * 0.01 $$;
CREATE OR REPLACE FUNCTION tiao_fraction(millionths bigint) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT millionths::numeric * 0.000001 $$;
CREATE OR REPLACE FUNCTION tiao_integer_decimal(n bigint) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT n::numeric $$;
-- a scale's amount, computed in whole 10^-8 yuan (fen × millionths), in yuan
CREATE OR REPLACE FUNCTION tiao_scale_yuan(units numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT units * 0.00000001 $$;

-- Rounding, symmetric as in runtime/money.ts: half_up sends a half away from zero.
CREATE OR REPLACE FUNCTION tiao_round_half_up(x numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(sign(x) * floor(abs(x) + 0.5)) $$;
CREATE OR REPLACE FUNCTION tiao_round_down(x numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(trunc(x)) $$;
CREATE OR REPLACE FUNCTION tiao_round_up(x numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(sign(x) * ceil(abs(x))) $$;
-- round(n × percent) fused, as runtime/money.ts multiplyMoneyByPercent (NUMERIC is exact)
CREATE OR REPLACE FUNCTION tiao_percent_of_half_up(n bigint, millionths bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_round_half_up(n::numeric * millionths * 0.000001) $$;
CREATE OR REPLACE FUNCTION tiao_percent_of_down(n bigint, millionths bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_round_down(n::numeric * millionths * 0.000001) $$;
CREATE OR REPLACE FUNCTION tiao_percent_of_up(n bigint, millionths bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_round_up(n::numeric * millionths * 0.000001) $$;
CREATE OR REPLACE FUNCTION tiao_percent_of_floor(n bigint, millionths bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(floor(n::numeric * millionths * 0.000001)) $$;
CREATE OR REPLACE FUNCTION tiao_percent_of_ceil(n bigint, millionths bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(ceil(n::numeric * millionths * 0.000001)) $$;
CREATE OR REPLACE FUNCTION tiao_floor(x numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT tiao_whole(floor(x)) $$;
CREATE OR REPLACE FUNCTION tiao_ceil(x numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT tiao_whole(ceil(x)) $$;

-- Division as runtime/division.ts: 30 decimals, truncated, and a digit 1 for a rest that is
-- not zero (NUMERIC's div and mod are exact); NULL for a divisor of zero.
CREATE OR REPLACE FUNCTION tiao_divide(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN b <> 0 THEN
    CASE WHEN mod(a * 1e30, b) = 0 THEN div(a * 1e30, b) * 1e-30 ELSE (div(a * 1e30, b) * 10 + sign(a) * sign(b)) * 1e-31 END
  END $$;

-- Dates stay within the years 0001 to 9999 (runtime/dates.ts).
CREATE OR REPLACE FUNCTION tiao_date(d date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN d BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN d END $$;
CREATE OR REPLACE FUNCTION tiao_add_days(d date, n bigint) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN n BETWEEN -${MAX_DAYS} AND ${MAX_DAYS} THEN tiao_date(d + n::integer) END $$;
CREATE OR REPLACE FUNCTION tiao_month_index(d date, n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT extract(year FROM d)::bigint * 12 + extract(month FROM d)::bigint - 1 + n $$;
CREATE OR REPLACE FUNCTION tiao_days_in_month(month_index bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT extract(day FROM make_date((month_index / 12)::integer, (month_index % 12 + 1)::integer, 1) + interval '1 month - 1 day')::integer $$;
-- The month rule: the same day n months later, clamped to the last day of a shorter month.
CREATE OR REPLACE FUNCTION tiao_add_months(d date, n bigint) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN tiao_month_index(d, n) BETWEEN 12 AND 119999
    THEN make_date((tiao_month_index(d, n) / 12)::integer, (tiao_month_index(d, n) % 12 + 1)::integer,
                   least(extract(day FROM d)::integer, tiao_days_in_month(tiao_month_index(d, n))))
  END $$;
-- The last day of a term of n months from d (Civil Code arts. 201-202): the day before the
-- corresponding day, or the last day of a month that has no such day.
CREATE OR REPLACE FUNCTION tiao_last_day_of_term(d date, n bigint) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN n >= 0 AND tiao_month_index(d, n) BETWEEN 12 AND 119999 THEN
    CASE WHEN extract(day FROM d)::integer > tiao_days_in_month(tiao_month_index(d, n))
      THEN make_date((tiao_month_index(d, n) / 12)::integer, (tiao_month_index(d, n) % 12 + 1)::integer, tiao_days_in_month(tiao_month_index(d, n)))
      ELSE tiao_date(make_date((tiao_month_index(d, n) / 12)::integer, (tiao_month_index(d, n) % 12 + 1)::integer, extract(day FROM d)::integer) - 1)
    END
  END $$;
CREATE OR REPLACE FUNCTION tiao_days_between(later date, earlier date) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (later - earlier)::bigint $$;

-- Series (runtime/series.ts): a period's key as the runtime writes it ("2024-01", "2024"; the
-- year padded to 4 characters, as JavaScript's padStart pads it), from the period's number
-- (months: year × 12 + month − 1).
CREATE OR REPLACE FUNCTION tiao_pad(t text, n integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lpad(t, greatest(length(t), n), '0') $$;
CREATE OR REPLACE FUNCTION tiao_year_key(y bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_pad(y::text, 4) $$;
CREATE OR REPLACE FUNCTION tiao_month_key(i bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_pad(floor(i / 12.0)::bigint::text, 4) || '-' || tiao_pad((i % 12 + 1)::text, 2) $$;
-- a whole quotient rounded, as runtime/decimal.ts divideRounded (an average of periods)
CREATE OR REPLACE FUNCTION tiao_quotient_half_up(n numeric, d numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(sign(n) * div(abs(n) + div(d, 2), d)) $$;
CREATE OR REPLACE FUNCTION tiao_quotient_down(n numeric, d numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(sign(n) * div(abs(n), d)) $$;
CREATE OR REPLACE FUNCTION tiao_quotient_up(n numeric, d numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tiao_whole(sign(n) * div(abs(n) + d - 1, d)) $$;

-- Values as \`tiao run\` prints them.
CREATE OR REPLACE FUNCTION tiao_money_text(fen bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN fen < 0 THEN '-' ELSE '' END || (abs(fen) / 100)::text || '.' || lpad((abs(fen) % 100)::text, 2, '0') $$;
CREATE OR REPLACE FUNCTION tiao_percent_text(millionths bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN millionths < 0 THEN '-' ELSE '' END || (abs(millionths) / 10000)::text
    || CASE WHEN abs(millionths) % 10000 = 0 THEN '' ELSE '.' || rtrim(lpad((abs(millionths) % 10000)::text, 4, '0'), '0') END || '%' $$;
CREATE OR REPLACE FUNCTION tiao_decimal_text(x numeric) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN position('.' IN x::text) > 0 THEN regexp_replace(x::text, '\\.?0+$', '') ELSE x::text END $$;
CREATE OR REPLACE FUNCTION tiao_date_text(d date) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_char(d, 'YYYY-MM-DD') $$;
CREATE OR REPLACE FUNCTION tiao_time_text(minutes bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lpad((minutes / 60)::text, 2, '0') || ':' || lpad((minutes % 60)::text, 2, '0') $$;
`;
