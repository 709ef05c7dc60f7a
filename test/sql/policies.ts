/**
 * Policies of the SQL tests: measures that read measures declared after them, and outputs
 * given for each member of a list.
 */

const header = `policy household {
  title "household" document "d" issuer "i" issued 2021-01-01 version "1"
}
`;

/** `total` reads `base` and `extra`, declared after it; `extra` reads `base`, declared before it. */
export const outOfOrderText = `${header}
entity household "household" {
  rent: money "rent"
  size: integer "size"
}

parameter rate: percent "rate" {
  value 10% from 2021-01-01 source "s"
}

parameter cap: money "cap" {
  value 5000.00 yuan from 2021-03-01 source "s"
}

measure total "total" {
  output total: money
    = extra.amount + base.amount
    cites §1 "q"
  output base_in_force: bool
    = base.in_force
    cites §1 "q"
  output capped: money
    = min(total, cap)
    cites §1 "q"
}

measure base "base" {
  in force from 2021-06-01 until 2021-12-31
  output amount: money
    = round(household.rent * rate) * household.size
    cites §2 "q"
}

measure extra "extra" {
  output amount: money
    = base.amount * 3
    cites §3 "q"
}
`;

/**
 * `net` reads `tax`, declared after it, for each member: in another output for each member, in
 * aggregates, through a \`let\` with a record parameter. A member may have an error of its own
 * (no rule applies to a minor with a salary, a product too large), and `tax` has a window.
 */
export const membersText = `${header}
record person "person" {
  salary: money "salary"
  age: integer "age"
  born: optional date "born"
}

entity household "household" {
  members: list of person "members"
  rent: money "rent"
}

parameter rate: percent "rate" {
  value 10% from 2021-01-01 source "s"
}

measure net "net" {
  let taxed(p: person): bool
    = tax.tax(p) > 0 yuan
    cites §1 "q"
  output net(q in household.members): money
    = q.salary - tax.tax(q)
    cites §1 "q"
  output taxes: money
    = sum(tax.tax(p) for p in household.members)
    cites §1 "q"
  output taxed_adults: integer
    = count(p in household.members where p.age >= 18 and taxed(p))
    cites §1 "q"
  output all_old: bool
    = all(p in household.members where tax.weight(p) > 100)
    cites §1 "q"
  output after_rent: money
    = household.rent - taxes
    cites §1 "q"
}

measure tax "tax" {
  in force from 2021-01-01 until 2021-12-31
  output tax(p in household.members): money {
    rule adult when p.age >= 18
      = round(p.salary * rate)
      cites §2 "q"
    rule child when p.age < 18 and p.salary = 0 yuan
      = 0 yuan
      cites §2 "q"
  }
  output weight(p in household.members): integer
    = p.age * 1000000
    cites §2 "q"
  output born(p in household.members): optional date
    = p.born
    cites §2 "q"
  output adult(p in household.members): bool
    = p.age >= 18
    cites §2 "q"
}
`;
