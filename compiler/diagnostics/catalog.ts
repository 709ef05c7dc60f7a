/**
 * Every diagnostic code, with a title and a longer explanation for the docs
 * (`docs/diagnostics.md` is generated from this table). Codes are stable: never reuse one.
 *
 * T01xx syntax · T02xx names and declarations · T03xx types and units ·
 * T04xx rules and exceptions · T05xx dates, windows and parameter values ·
 * T06xx cycles and citations · T07xx targets · T08xx time, units and sources ·
 * T09xx measures reading each other, amendments, members · T10xx scales and periods
 */
export interface CatalogEntry {
  readonly title: string;
  readonly explanation: string;
}

export const catalog = {
  // ---------------------------------------------------------------- T01xx syntax
  T0101: {
    title: "unexpected character",
    explanation:
      "The text holds a character that is not part of tiao, such as `@`, a full-width comma `，` typed by a Chinese input method, or Chinese words outside quotes. Chinese belongs inside quotes (`\"不满1年\"`) or in a comment after `#`; punctuation must be the ASCII one (`,` `:` `(` `)` `=`).",
  },
  T0102: {
    title: "text without its closing quote",
    explanation:
      "A text starts with `\"` but the line ends before its closing `\"`. A text stays on one line; write `\\n` for a line break inside it and `\\\"` for a quote.",
  },
  T0103: {
    title: "unknown escape in a text",
    explanation:
      "Inside a text, a backslash starts an escape: `\\\"` is a quote, `\\\\` a backslash and `\\n` a line break. Any other letter after a backslash is an error; write `\\\\` for a backslash itself.",
  },
  T0104: {
    title: "text in curly quotes",
    explanation:
      "Texts are written between straight quotes `\"…\"`. Chinese input methods type curly quotes `“…”`, which the language does not accept as delimiters (they may appear inside a text).",
  },
  T0105: {
    title: "date not written YYYY-MM-DD",
    explanation:
      "A date literal has a four-digit year, a two-digit month and a two-digit day separated by `-`: `2021-01-05`, not `2021-1-5`. Whether the date exists in the calendar is checked separately.",
  },
  T0106: {
    title: "time not written HH:MM",
    explanation: "A time of day has two-digit hours and minutes on the 24-hour clock: `09:00`, `18:30`.",
  },
  T0107: {
    title: "unexpected word or symbol",
    explanation:
      "The parser expected something else at this place, for example `=` or `{` after the type of a definition, a closing brace, or a value. The message says what was expected and what was found; several such errors may follow one mistake.",
  },
  T0108: {
    title: "reserved word used as a name",
    explanation:
      "The keywords of the language (such as `months`, `value`, `note`, `date`) cannot name an enum, a member, a record, a parameter, a measure or a definition. Choose another name, such as `months_used` for `months`. Fields of records and entities may use them, because their names come from the scenario's JSON (`t.months`).",
  },
  T0109: {
    title: "rule without `cites`",
    explanation:
      "Every simple definition, rule and exception cites the clause of the document it encodes, with the words it encodes: `cites §4 \"按月发放不超过6个月的失业补助金\"`. The citation is what lets a reviewer check the rule against the text.",
  },
  T0110: {
    title: "nested too deeply",
    explanation:
      "An expression nests more than 256 levels deep — brackets, `if … else` branches, or a chain of operators such as a sum of 300 terms, which counts a level per operator — or so deeply that the file cannot be read. Every command (`check`, `run`, `compile`) refuses it alike, so that what passes `check` also runs and compiles. Give parts of the expression their own `let` definitions.",
  },
  T0111: {
    title: "too many syntax errors in a declaration",
    explanation:
      "After 20 syntax errors in one declaration, the rest of it is not read: the errors that follow are most often consequences of the first ones. Correct the first errors and check again; the other declarations of the file are read as usual.",
  },
  T0112: {
    title: "invisible character in a text",
    explanation:
      "A text holds a character a reader cannot see: a line or paragraph separator (U+2028, U+2029), a control character, a bidirectional or zero-width character, or half of a surrogate pair. Such a character makes a quote or a note read differently from what it holds (a quote would match the notice only in appearance), so texts may not contain one; a tab is allowed. Remove it, or write `\\n` for a line break in a title or note.",
  },
  // ---------------------------------------------------------------- T02xx names and declarations
  T0201: {
    title: "unknown name",
    explanation:
      "A name in an expression is none of: a parameter of the enclosing definition, a `let` or `output` of the same measure, a `parameter`, or a member of an enum. The help suggests the closest known name when the name looks like a typo. Definitions of other measures are not visible: declare shared figures as parameters.",
  },
  T0202: {
    title: "unknown fact or field",
    explanation:
      "`person.x` reads fact `x` of entity `person`, and `t.x` field `x` of a record; the entity or record must declare it. The help suggests the closest declared name, or lists them.",
  },
  T0203: {
    title: "declared twice",
    explanation:
      "Two enums, records or entities (which share one set of type names), two parameters or two measures have the same name, possibly in different files of the policy. Each name must be declared once.",
  },
  T0204: {
    title: "definition declared twice in a measure",
    explanation:
      "A measure has two `let` or `output` definitions with the same name. To give a value in several cases, write one definition with a block of rules and exceptions.",
  },
  T0205: {
    title: "repeated within one declaration",
    explanation:
      "An enum member, a field of a record or entity, a header field such as `title`, or a parameter of a definition is given twice in the same declaration.",
  },
  T0206: {
    title: "no `policy` header",
    explanation:
      "One file of a policy starts with `policy name { title … document … issuer … issued … version … }`, which names the document the policy encodes. It is missing from every file.",
  },
  T0207: {
    title: "more than one `policy` header",
    explanation:
      "All the files given together form one policy, so only one of them holds a `policy` header. Files of another policy belong in their own folder.",
  },
  T0208: {
    title: "incomplete `policy` header",
    explanation:
      "The header must give `title`, `document`, `issuer`, `issued` (a date) and `version`; `notice` (the file holding the document's text) is optional.",
  },
  T0209: {
    title: "unknown type",
    explanation:
      "A type is one of bool, integer, decimal, money, percent, date, time, months, days, the name of an enum or a record, `set of` an enum, `list of` a record, or `optional` one of these.",
  },
  T0210: {
    title: "not a member of the enum",
    explanation:
      "Where a value of an enum is expected (a comparison with an enum fact, a `match` arm, a set, an enum-typed definition), only its members may be written. The help suggests the closest member or lists them.",
  },
  T0211: {
    title: "not usable as a type here",
    explanation:
      "An entity is a top-level object of a scenario and cannot be the type of a field or parameter; declare a `record` for a nested object. `set of` takes an enum and `list of` a record.",
  },
  T0212: {
    title: "wrong number of arguments",
    explanation:
      "A built-in function or a definition with parameters is called with more or fewer arguments than it takes: `min(a, b)`, `round(x)`, `months(n)`, or one argument per parameter of the definition.",
  },
  T0213: {
    title: "arguments given to a definition without parameters",
    explanation: "A definition declared without parameters is read by its name alone, without parentheses.",
  },
  T0214: {
    title: "definition with parameters used without arguments",
    explanation:
      "A definition declared with parameters (`let subsidisable(t: trainee): bool`) gives a value only for given arguments: call it, usually inside an aggregate: `count(t in enterprise.trainees where subsidisable(t))`.",
  },
  T0215: {
    title: "member of several enums",
    explanation:
      "A bare member name is resolved from the type the context expects; where the context does not say, and several enums have a member of that name, write it qualified: `enum_name.member`.",
  },
  T0216: {
    title: "not a value",
    explanation:
      "An entity, an enum or a record type is named where a value is expected. Read a fact of an entity (`person.unemployed`), or write a member of an enum (`ui_status.expired`).",
  },
  T0217: {
    title: "definition named like a built-in function",
    explanation: "min, max, round, round_down, round_up, floor, ceil, months and days are built-in functions; a definition cannot take their names.",
  },
  T0218: {
    title: "parameter holding a list or a record",
    explanation:
      "A parameter is one figure with dated values: an amount, a rate, a number, a date, a time, an enum member or a set of members. Lists and records describe a case, so they are facts of an entity.",
  },
  T0219: {
    title: "definition parameter that is not a record",
    explanation:
      "Definitions take parameters so that they can be applied to the items of a list inside `count`, `sum`, `any` and `all`; a parameter's type is therefore a record.",
  },
  T0220: {
    title: "fact or definition in a window",
    explanation:
      "Whether a measure or a rule is in force depends on the evaluation date only, before any fact is read: its window is written with dates and date parameters.",
  },
  T0221: {
    title: "definition named `in_force`",
    explanation: "Every measure has the automatic output `in_force`, true when its window contains the evaluation date; a definition cannot take that name.",
  },
  T0222: {
    title: "output with parameters",
    explanation:
      "An output is part of the measure's result, so it has one value, or one for each member of a list of the facts (`output tax(p in household.members): money`); a definition with other parameters gives a value per argument and must be a `let`.",
  },
  T0223: {
    title: "output holding a record",
    explanation:
      "A measure's result is printed as JSON and, when the measure is not in force, every output takes its empty value (false, 0, null, an empty list). A record has no empty value, so an output gives the record's fields one by one; a `let` may hold a record, and an output a list of records.",
  },
  // ---------------------------------------------------------------- T03xx types and units
  T0301: {
    title: "units that do not combine",
    explanation:
      "Arithmetic follows the units table of the language reference: amounts add to amounts, months to months, days to days, a date plus months or days is a date, an amount times a percentage is an unrounded amount. Adding money to a date, or a percentage to money, has no meaning.",
  },
  T0302: {
    title: "value of the wrong type",
    explanation:
      "The value does not have the type the context expects: the declared type of a definition or parameter, a condition (true or false), an argument of a definition, or the type of the other branches of an `if` or `match`.",
  },
  T0303: {
    title: "comparison of different units",
    explanation:
      "Both sides of a comparison, and both arguments of min and max, are of the same kind. Days and months cannot be compared, since a month has no fixed number of days: compare months with months or days with days.",
  },
  T0304: {
    title: "unrounded amount used as money",
    explanation:
      "An amount times a percentage or a decimal gives an unrounded amount, which may hold fractions of a fen. It becomes money only through `round(…)` (half up), `round_down(…)` or `round_up(…)`, so that every rounding is visible in the rule.",
  },
  T0305: {
    title: "number without its unit",
    explanation:
      "A plain number is a whole or decimal number, never an amount, a percentage, months or days: write `6 months`, `30 days`, `500 yuan`, `60%`. A whole-number value becomes months or days with `months(n)` or `days(n)`.",
  },
  T0306: {
    title: "optional value used without a test",
    explanation:
      "A fact, parameter or definition of type `optional T` may be absent. Test it first (`x is present and …`, `if x is present then … else …`, `x is absent or …`), after which it has type `T`, or give a fallback with `x otherwise …`.",
  },
  T0307: {
    title: "match that does not cover every member",
    explanation: "A `match` has an arm for every member of the enum, or an `else` arm for the members it does not name.",
  },
  T0308: {
    title: "`otherwise` after a value that is never absent",
    explanation: "`a otherwise b` gives `b` when `a` is absent; when `a` cannot be absent (it is not optional, or has been tested), the fallback is never used.",
  },
  T0309: {
    title: "wrong kind of value for a built-in function",
    explanation:
      "`round`, `round_down` and `round_up` take an unrounded amount (giving money) or a decimal number (giving a whole number); `floor` and `ceil` take a decimal number; `min` and `max` take two values of one ordered kind.",
  },
  T0310: {
    title: "member covered twice in a match",
    explanation: "Each member of the enum appears in one arm of a `match`, and there is at most one `else` arm.",
  },
  T0311: {
    title: "ordering of values that have no order",
    explanation:
      "`<`, `<=`, `>` and `>=` compare numbers, amounts, percentages, months, days, dates and times. Yes/no values, enum members and sets are only compared with `=` and `!=`.",
  },
  T0312: {
    title: "field of a value that has none",
    explanation: "Only records and entities have fields. The items of a list are read inside `count`, `sum`, `any` or `all`.",
  },
  T0313: {
    title: "aggregate over something that is not a list",
    explanation: "`count(x in L where …)`, `sum(e for x in L)`, `any(…)` and `all(…)` go through the items of `L`, which must be a list.",
  },
  T0314: {
    title: "sum of values that do not add up",
    explanation: "`sum` adds amounts of money, whole or decimal numbers, months or days.",
  },
  T0315: {
    title: "negation of a value that cannot be negative",
    explanation: "Only decimal numbers can be negated. Amounts, months and days are never negative; subtract instead.",
  },
  T0316: {
    title: "`in` or `match` on a value that is not an enum member",
    explanation: "`x in {a, b}` and `match x { … }` choose by a member of an enum. Use comparisons and `if` for other values.",
  },
  T0317: {
    title: "set written with something other than members",
    explanation: "A set literal `{a, b}` lists members of one enum.",
  },
  T0318: {
    title: "presence test of a value that is never absent",
    explanation: "`is present` and `is absent` test an optional value; a value that is not optional (or was already tested) is always present.",
  },
  T0319: {
    title: "number out of range",
    explanation:
      "Numbers are written as digits with an optional fraction, and must fit the exact representation of the runtime: amounts in fen, percentages in millionths and whole numbers all stay below 2^53.",
  },
  T0320: {
    title: "number too precise for its unit",
    explanation:
      "An amount of money has at most two decimals (fen), a percentage at most four; months, days and counts are whole numbers.",
  },
  T0321: {
    title: "`absent` where no optional value is expected",
    explanation:
      "`absent` is the value of an optional fact, parameter or definition that has none; it can only stand where an `optional …` value is expected. To test a value, write `x is absent`, not `x = absent`.",
  },
  T0322: {
    title: "empty set of an unknown enum",
    explanation: "`{}` is an empty set; where the context does not say which enum it is a set of, it cannot be typed.",
  },
  // ---------------------------------------------------------------- T04xx rules and exceptions
  T0401: {
    title: "label used twice",
    explanation: "Within a definition, every rule and exception has its own label, so that exceptions can name what they override.",
  },
  T0402: {
    title: "exception to an unknown label",
    explanation: "`exception e to l` overrides the rule or exception labelled `l` in the same definition; there is none with that label.",
  },
  T0403: {
    title: "exception without `to` among several rules",
    explanation:
      "An exception without `to` overrides the definition's only rule. When the definition has several rules, the exception must say which one it overrides: `exception e to l when …`.",
  },
  T0404: {
    title: "conflicting rules",
    explanation:
      "Two rules of a definition, or two exceptions to the same rule, apply in the same situation: both unconditionally, or under conditions written the same way. Which value wins would be undecided. Make one an exception to the other, or make their conditions exclude each other. Conflicts the checker cannot see are reported when a case is evaluated.",
  },
  T0405: {
    title: "no rule for the remaining cases",
    explanation:
      "The definition's only rule has a `when` condition, so when the condition does not hold no rule gives a value, and evaluation stops with an error. Add a rule without `when` for the other cases, or turn the special case into an exception.",
  },
  T0406: {
    title: "exceptions overriding each other in a loop",
    explanation: "Following `to` from an exception must lead to a rule. Exceptions that override each other (or themselves) in a loop override no rule and never apply.",
  },
  T0407: {
    title: "exceptions without a rule",
    explanation: "A block of cases has at least one `rule`, the general case that its exceptions override.",
  },
  // ---------------------------------------------------------------- T05xx dates, windows and parameter values
  T0501: {
    title: "date that is not in the calendar",
    explanation: "A date literal must be a real day of the years 0001 to 9999: `2021-02-30`, `2021-13-01` and `0000-06-01` are not. February has 29 days in leap years only.",
  },
  T0502: {
    title: "parameter values out of date order",
    explanation: "The values of a parameter are written from the earliest `from` to the latest, and no two start on the same day.",
  },
  T0503: {
    title: "overlapping parameter values",
    explanation:
      "A value with `until` is in force through that day, so the next value must start later. Without `until`, a value runs until the day before the next one starts.",
  },
  T0504: {
    title: "parameter value ending before it starts",
    explanation: "`until` is the last day a value is in force (inclusive); it cannot come before `from`.",
  },
  T0505: {
    title: "window ending before it starts",
    explanation: "In `in force from A until B`, both dates are inclusive and B cannot come before A.",
  },
  T0506: {
    title: "time that is not on the clock",
    explanation: "A time of day is written on the 24-hour clock, from `00:00` to `23:59`.",
  },
  T0507: {
    title: "value that is not written out",
    explanation:
      "A parameter's value is a figure written out (`500 yuan`, `60%`, `2021-10-20`, an enum member, `absent`), not a computation or a reference to a fact or definition: parameters are what scenarios may override, and diffs compare them as figures.",
  },
  T0508: {
    title: "end of a term written as `start + N months - 1 day`",
    explanation:
      "A term of N months whose first day is S ends on the day before the day of month N that corresponds to S, and on that month's last day when it has no such day (Civil Code arts. 201–202). `S + N months` clamps to the month's last day first, so `S + N months - 1 day` ends a day early whenever month N is too short: from 2021-10-31, 6 months end on 2022-04-30, not 2022-04-29. `last_day_of_term(S, N months)` states the rule. This is a warning: where the day before the shifted date is really meant, keep it.",
  },
  // ---------------------------------------------------------------- T06xx cycles and citations
  T0601: {
    title: "definition that depends on itself",
    explanation:
      "Definitions are evaluated in the order of their dependencies, so none may use its own value, directly or through other definitions (including calls of definitions with parameters). The message lists the cycle.",
  },
  T0602: {
    title: "quote not in the notice",
    explanation:
      "When the notice's text is given, every quoted passage of a citation or source must appear in it word for word. Spaces and line breaks are ignored on both sides, and `…` in a quote stands for words left out. The help shows the notice's passage that starts like the quote.",
  },
  T0603: {
    title: "notice that cannot be used",
    explanation:
      "The file the header names with `notice \"…\"` holds the text of the document, against which every quote is checked. It must be a regular file of UTF-8 text inside the policy's folder (a subfolder is fine), given by a relative path, and at most 4 MB: a path that leaves the folder (`..`, an absolute path, a link to elsewhere), a device or a folder is refused, so that compiling a policy never reads, nor shows in a message, a file that is not part of it.",
  },
  T0604: {
    title: "quote cited from the wrong part of the notice",
    explanation:
      "A citation names the part of the notice its words are in: `§4` the fourth numbered measure (四、), `§preamble` the words before the first measure (the addressees, the purpose), `§closing` the words after the last measure's paragraph (general duties, dates, contacts, the signature). Quoted words found elsewhere in the notice than the part named are cited under the part they are in, so that a reader looking for them finds them there. The preamble runs to the first numbered heading; a measure runs to the next heading, and the last one to the end of its first paragraph (a line ending in 。 before a blank line).",
  },
  // ---------------------------------------------------------------- T07xx targets
  T0701: {
    title: "construct the SQL target cannot express",
    explanation:
      "`tiao compile --target sql` lays a population out as tables (docs/sql.md): one row per case with a column per fact, and a child table per list of records. A list inside a list item, an optional record or list, or an expression that computes a record or a list has no such layout, and is refused at its place rather than compiled to SQL that would answer differently. The other targets and `tiao run` evaluate it.",
  },
  // ---------------------------------------------------------------- T08xx time, units and sources
  T0801: {
    title: "evaluation date where a date must be fixed",
    explanation:
      "`evaluation_date` is the date a case is evaluated on (the scenario's `date`). A measure's or a rule's window is compared with that date, so its bounds are dates or date parameters, and a parameter's value is a figure written out: neither can be the evaluation date itself.",
  },
  T0802: {
    title: "completed years or months counted from the evaluation date",
    explanation:
      "`completed_years(from, to)` and `completed_months(from, to)` count from the earlier date to the later one: an age is `completed_years(person.birth_date, evaluation_date)`. With the evaluation date first, every earlier second date is an evaluation error. This is a warning: where a date after the evaluation date is really meant, keep it.",
  },
  T0803: {
    title: "years completed computed as a difference of years",
    explanation:
      "`year_of(to) - year_of(from)` counts the calendar years the dates are apart, a year more than the years completed until the anniversary: born on 2000-12-31, a person is 0 on 2001-01-01, not 1. `completed_years(from, to)` counts completed years as an age is counted, the anniversary included (born on 29 February, the anniversary in a common year is 1 March).",
  },
  T0804: {
    title: "duration too long to count",
    explanation: "A duration in years is counted in months, twelve a year, and must stay a whole number a computer counts exactly.",
  },
  T0805: {
    title: "notice without numbered parts",
    explanation:
      "A citation `§9 \"…\"` names part 9 of the notice in the notice's own numbering, and its words must be in that part (T0604). The parts are found from headings on lines of their own: `一、` … `十、` as a notice numbers its measures, `第九条` or `第1259条` as a law numbers its articles, or `9.` / `9、`. A notice with none of them has no parts, and clause numbers cannot be checked against it: the quotes are still checked against the whole text.",
  },
  T0806: {
    title: "later value without a date",
    explanation:
      "A parameter's first value may leave out `from`: it is then in force from the earliest date there is (and until its `until`, or the next value's `from`), which is what a figure the notice sets itself needs, readable on any date a measure may be evaluated. Every later value takes effect on a date, written with `from`.",
  },
  // ---------------------------------------------------------------- T09xx structure
  T0901: {
    title: "measures that read each other's outputs in a circle",
    explanation:
      "A measure may use the outputs of another (`m4.unemployment_subsidy_monthly`), which is then evaluated for the same case. If that measure reads, directly or through others, an output of the first, neither can be evaluated before the other: the message names the measures along the circle and where each reads the next. Compute the shared part in one of them, or in a third measure both read.",
  },
  T0902: {
    title: "a measure's own output read through its name",
    explanation:
      "Inside measure `m4`, its own definitions are read by their bare names (`subsidy`); `m4.subsidy` is how other measures read its outputs.",
  },
  T0903: {
    title: "not an output of that measure",
    explanation:
      "Another measure's result is its outputs (and `in_force`): `m4.x` reads output `x` of measure `m4`. A `let` is internal to its measure and cannot be read from outside; make it an `output` if other measures need it.",
  },
  T0904: {
    title: "policy amended that cannot be used",
    explanation:
      "A policy whose header says `amends \"../base\"` states only what it changes in the policy of that folder (or file), which is read and compiled together with it. The path is relative to the amendment's folder. The base must be a policy of its own, not itself an amendment.",
  },
  T0905: {
    title: "repeal outside an amendment",
    explanation:
      "`repeal name` takes a declaration (or, inside a measure, a definition) of the policy being amended out of it. A policy that amends nothing simply leaves the declaration out.",
  },
  T0906: {
    title: "repeal of something the amended policy does not have",
    explanation:
      "`repeal name` at the top level names an enum, record, entity, parameter, scale or measure of the policy being amended; inside a measure, one of that measure's definitions.",
  },
  // ---------------------------------------------------------------- T10xx scales and periods
  T1001: {
    title: "scale given values",
    explanation:
      "A parameter of type `scale` is a list of brackets, each with its own dated thresholds and rates: `bracket lowest { threshold 0 yuan from 2013-01-01 source \"…\" rate 3% from 2013-01-01 source \"…\" }`. It has no `value` of its own.",
  },
  T1002: {
    title: "brackets in a parameter that is not a scale",
    explanation: "Only a parameter declared with the type `scale` has brackets. Declare it `parameter name: scale \"label\" { … }`, or give the parameter dated `value`s.",
  },
  T1003: {
    title: "unknown word in a scale",
    explanation:
      "A scale holds `bracket name { … }` blocks, and a bracket holds `threshold` and `rate` lines, each a dated figure with its source: `threshold 12000 yuan from 2013-01-01 source \"…\"`, `rate 10% from 2013-01-01 source \"…\"`.",
  },
  T1004: {
    title: "bracket without a threshold or a rate",
    explanation:
      "Every bracket of a scale has at least one dated threshold (an amount of money: where the bracket starts) and one dated rate (a percentage). A bracket is part of the scale on the dates its threshold is in force; on such a date it must also have a rate.",
  },
  T1005: {
    title: "thresholds of a scale out of order",
    explanation:
      "On every date, the thresholds of the brackets in force must rise strictly in the order the brackets are written, so that every amount falls in exactly one bracket. The message names the date and the two brackets whose thresholds do not rise.",
  },
  T1006: {
    title: "scale application on something that is not a scale",
    explanation:
      "`marginal(scale, base)` applies each bracket's rate to the part of the base within the bracket and adds the parts; `single_rate(scale, base)` applies to the whole base the rate of the bracket it falls in. The first argument is the name of a parameter declared as a `scale`, the second an amount of money; both give an unrounded amount, to be rounded.",
  },
  T1007: {
    title: "scale used as a value",
    explanation: "A scale is not a figure: apply it to an amount with `marginal(scale, base)` or `single_rate(scale, base)`, and round the result.",
  },
  T1008: {
    title: "`over` in a function that does not total periods",
    explanation:
      "`over` names the periods of a series to add up or average: `sum(person.salary over last 12 months)`, `average(person.salary over previous year)`. Other functions take no `over`, and `sum` and `average` take one series before it.",
  },
  T1009: {
    title: "periods that are not understood",
    explanation:
      "The periods of a series are counted back from the evaluation date: `over last 12 months` (the twelve months before the month of the date), `over last 2 years`, `over this month`, `over this year` (its calendar year), `over previous month`, `over previous year` (the calendar year before). Only `last` takes a number, from 1 to 9999.",
  },
  T1010: {
    title: "series where a series cannot be",
    explanation:
      "A series (`monthly T`, `yearly T`) is a fact given period by period, declared as a field of an entity or record. Its periods hold a single value (a yes/no, a number, an amount, a percentage, a date, a member of an enum, or an optional one of these), not a list, a record, a set or another series. A parameter, a definition or an output is not a series: a definition reads the series at a date, or totals it over periods.",
  },
  T1011: {
    title: "series expected",
    explanation:
      "`sum(… over …)`, `average(… over …)` and `value_at(series, date)` read a fact given period by period (`monthly money`, `yearly integer`). A plain fact has one value whatever the date: read it directly.",
  },
  T1012: {
    title: "periods that do not fit the series",
    explanation:
      "A yearly series has no months: total it over years (`over last 2 years`, `over previous year`). A series is added up when its periods hold amounts, whole numbers, decimals, months or days, and averaged when they hold amounts or whole numbers; an average is rounded right away, `round(average(person.salary over last 12 months))`, because dividing by the number of periods seldom falls on a whole fen. A series whose periods may be absent (`monthly optional money`) cannot be totalled: declare the value of a period not given instead (`monthly money otherwise 0 yuan`).",
  },
  T1013: {
    title: "largest or smallest of a list",
    explanation:
      "`max(e for x in list where c)` and `min(…)` give the largest or smallest value of `e` over the items that pass the filter, or nothing when none does: the result is optional, so say what holds then (`max(age(p) for p in household.members) otherwise 0`). The values must have an order: amounts, whole numbers, decimals, percentages, months, days, dates or times. Only `sum`, `max` and `min` take `for`.",
  },
  T1014: {
    title: "output for each member",
    explanation:
      "`output tax(p in household.members): money` gives one value for each member of a list of the facts, in the list's order. Only an output is given so (a `let` with a record parameter is already computed for whichever record it is called with); it has that one parameter, and the list is a field of an entity (`household.members`), so that the result can say which member each value is for.",
  },
  T1015: {
    title: "reading an output for one member",
    explanation:
      "An output given for each member is read for one of them, with the record: `income_tax.income_tax(p)`, where `p` is a member (an aggregate's item or a definition's parameter). An output with one value is read without one: `household_income.household_income`.",
  },
  T1016: {
    title: "repealing a bracket",
    explanation:
      "`repeal bracket name` inside a scale of an amendment takes that bracket out of the scale it amends, on every date. The scale and the bracket must exist in the amended policy; to end a bracket from a date instead, give its last threshold an `until`.",
  },
  // ---------------------------------------------------------------- T11xx smaller walls
  T1101: {
    title: "currency that cannot be the policy's money",
    explanation:
      "The header's `currency` names the policy's money by its ISO 4217 code in capitals (`currency EUR`); without it the money is the yuan. Amounts are kept exact to a hundredth of the unit (the fen, the cent), so a currency whose minor unit is not a hundredth (JPY, KWD, …) cannot be declared.",
  },
  T1102: {
    title: "amount in another currency than the policy's",
    explanation:
      "Every amount of a policy is in its one currency, and each literal says which: `500 yuan` (or `500元`) in a policy without `currency`, `500 EUR` in one that declares `currency EUR`. A literal in another unit is a slip: amounts are never converted.",
  },
  T1103: {
    title: "rules whose windows overlap",
    explanation:
      "Two rules (or two exceptions to the same rule) that apply always, each in its own window of written dates, both give a value on the days their windows share: a conflict, as two rules that apply always without windows are (T0404). End the earlier window the day before the later one starts, or make one an exception to the other.",
  },
  T1104: {
    title: "days between rules' windows where no rule applies",
    explanation:
      "The rules of a definition all apply always, each in a window of written dates, and between the first start and the last end some days are in no window: on those days the definition has no value, and evaluating it is an error. A warning, since the measure's own window may leave those days out; start the next window the day after the previous one ends, or add a rule for the days between.",
  },
  T1105: {
    title: "default a fact cannot have",
    explanation:
      "`name: T otherwise <value>` declares the value of a fact the scenario leaves out: `children: integer otherwise 0`, `status: status otherwise tenant`. The value is written out, of the fact's type. A fact that may be absent has none (it is absent when left out), nor has a list, a record or a set; a series gives the value of a period not given after its type (`monthly money otherwise 0 yuan`).",
  },
  T1106: {
    title: "`signed` where it cannot be",
    explanation:
      "A fact of type `money` is never negative: a scenario that gives `-5` is refused. A fact that may be, such as a net income or a balance, is declared `signed money`. Only a fact is: an amount the policy computes may be negative whatever its type, and a decimal may be negative already.",
  },
  // ---------------------------------------------------------------- T112x texts
  T1120: {
    title: "text a fact could never hold",
    explanation:
      "A text (`postal_code: text`) identifies something — a postal code, a register number — and a scenario's text holds at most 200 characters and no control character or line break. A text literal is compared with such facts, so it is held to the same: one that is longer, or that holds a tab or writes a line break with `\\n`, could never equal a fact. Longer words belong in a label or a note.",
  },
  T1121: {
    title: "texts compared by order",
    explanation:
      "Texts have no order in the language: whether `\"7300\" < \"74\"` holds would depend on how characters are collated, which the law does not say. Compare texts with `=` and `!=`, list those that qualify (`postal_code in {\"730000\", \"730010\"}`), or test how a text begins (`starts_with(postal_code, \"7300\")`): a district is chosen by the prefix of its postal codes.",
  },
  T1122: {
    title: "set of texts not written out",
    explanation:
      "After `in`, a text is looked for among texts written in quotes: `postal_code in {\"730000\", \"730010\"}`. A set of texts holds literals only, so that a reader sees the texts that qualify and the generated code, the SQL and the diff can list them.",
  },
  // ---------------------------------------------------------------- T115x further source documents
  T1150: {
    title: "citation of a document not declared",
    explanation:
      "`cites hrss §9 \"…\"` quotes clause 9 of the document declared as `hrss`: `document hrss \"人社部发〔2021〕29号\" { file \"hrss-2021-29.txt\" numbering articles }`. A citation without a document name (`cites §9 \"…\"`) quotes the policy's notice.",
  },
  T1151: {
    title: "clause the document does not have",
    explanation:
      "A citation of a declared document names a clause in that document's own numbering, which its `numbering` says: `sections` (headings 一、二、…), `articles` (第一条、第二条…, as laws and regulations number them) or `numbers` (1. 2. …), each heading on a line of its own. `§preamble` is what comes before the first heading, `§closing` the paragraphs after the last clause's first paragraph. The message lists the clauses the document has.",
  },
  T1152: {
    title: "quote not in the clause of the document",
    explanation:
      "The quoted words of `cites hrss §9 \"…\"` must be in clause 9 of that document, word for word (white space aside; `…` stands for words left out). When they are in another clause of the document, the message says which; otherwise it shows the document's words that come closest.",
  },
  T1153: {
    title: "document text that cannot be used",
    explanation:
      "A declared document's `file` is read as the notice is: a UTF-8 text file in the policy's folder (or a folder below it), not a link leading outside it, at most 4 MB.",
  },
  T1155: {
    title: "unknown field in a document declaration",
    explanation:
      "A document declaration holds `file \"…\"`, the file of its text beside the policy, and `numbering sections`, `numbering articles` or `numbering numbers`, how it numbers the clauses citations name.",
  },
  T1156: {
    title: "document without its text or numbering",
    explanation:
      "A declared document needs both its `file` (so that quotes can be checked against its text) and its `numbering` (so that `§9` means its ninth section, article or numbered paragraph).",
  },
  // ---------------------------------------------------------------- T116x labels in English
  T1160: {
    title: "label in a language other than English",
    explanation:
      "A measure, a fact or a definition may have a label in English besides the one in the policy's language: `measure m2 \"全面落实失业保险稳岗返还政策\" label en \"Unemployment insurance refunds\" {`, `size: enterprise_size \"企业规模\" label en \"size of the enterprise\"`, `output refund: money label en \"refund\" = …`. `tiao run --explain --lang en`, `tiao explain --lang en` and `tiao compile --lang en` use it. English is the only other language.",
  },
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof catalog;
