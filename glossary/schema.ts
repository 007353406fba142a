/**
 * The glossary's file format, version 1. Every file in `glossary/entries/` is a `GlossaryFile`;
 * the build validates each one against this schema (see `load.ts`) and fails on the first problem.
 * Documented for humans in `glossary/README.md`.
 */
import * as v from 'valibot';

export const GLOSSARY_FORMAT_VERSION = 1;

export const KINDS = ['organisation', 'person', 'place', 'treaty', 'event', 'concept'] as const;
export type Kind = (typeof KINDS)[number];

/** How an alias may be written in the text to count as a mention. */
export const CASE_RULES = ['exact', 'upper-ok', 'any'] as const;
export type CaseRule = (typeof CASE_RULES)[number];

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case-kebab'));
const IsoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'dates are YYYY, YYYY-MM or YYYY-MM-DD'),
);
const Text = v.pipe(v.string(), v.trim(), v.minLength(1));

export const AliasSchema = v.strictObject({
  /** The surface form, as it is usually written ("NATO", "Mr. Putin"). */
  text: Text,
  /**
   * exact: only as written; upper-ok (default): as written or in capitals (headlines);
   * any: in any case ("the cold war").
   */
  case: v.optional(v.picklist(CASE_RULES)),
  /**
   * The alias counts only where one of these entries is also named on the page by an alias that has
   * no condition of its own: "Article 5" needs NATO, "Mr. Putin" needs "Vladimir Putin".
   */
  requires: v.optional(v.pipe(v.array(Id), v.minLength(1))),
  /**
   * Words or phrases that make the alias count when any of them is on the page, for names that are
   * also ordinary words or other things: "Georgia" the country with "Tbilisi" or "Caucasus". With
   * `requires` too, either kind of evidence is enough. Matched like an alias in `upper-ok` case,
   * or in any case when written in lower case.
   */
  cues: v.optional(v.pipe(v.array(Text), v.minLength(1))),
});
export type Alias = v.InferOutput<typeof AliasSchema>;

export const FactSchema = v.strictObject({
  label: Text,
  value: Text,
  /** The fact holds from this date (an office taken, a membership begun). */
  from: v.optional(IsoDate),
  /** The fact holds until this date; absent means still true when last checked. */
  until: v.optional(IsoDate),
});
export type Fact = v.InferOutput<typeof FactSchema>;

export const EntrySchema = v.strictObject({
  id: Id,
  /**
   * The Wikidata item. `null` only where no item could be confirmed (a single treaty article may have
   * none): an explicit null, so that a missing QID is a decision, never an accident.
   */
  qid: v.nullable(v.pipe(v.string(), v.regex(/^Q[1-9]\d*$/, 'a Wikidata QID looks like Q7184'))),
  kind: v.picklist(KINDS),
  name: Text,
  /** Other ways the entry is named. The name itself always counts, with the default case rule. */
  aliases: v.array(AliasSchema),
  /** Two or three sentences in our own words. */
  summary: v.pipe(Text, v.maxLength(600)),
  /**
   * What the name stands for in news when it is not meant literally, said in the card: "In
   * political news, “Moscow” usually means the Russian government."
   */
  metonymy: v.optional(v.pipe(Text, v.maxLength(300))),
  facts: v.array(FactSchema),
  related: v.array(Id),
  /** English Wikipedia article title, as in the URL but with spaces. */
  wikipedia: Text,
  /** When the facts were last checked against sources. */
  checked: IsoDate,
});
export type Entry = v.InferOutput<typeof EntrySchema>;

export const GlossaryFileSchema = v.strictObject({
  format: v.literal(GLOSSARY_FORMAT_VERSION),
  entries: v.array(EntrySchema),
});
export type GlossaryFile = v.InferOutput<typeof GlossaryFileSchema>;
