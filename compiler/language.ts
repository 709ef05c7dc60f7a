/**
 * The version of the language docs/language.md describes and this compiler reads
 * (`tiao --version` shows it). It changes when what a policy may say, or what it means,
 * changes; the package's own version also changes with tools and fixes.
 */
export const languageVersion = "1.0";
