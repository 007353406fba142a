/**
 * Which candidates are mentions. Runs once the whole page is scanned, because a conditional term
 * ("Mr. Putin", "Article 5", "Georgia") counts only where something it requires is on the page.
 * Pure, like the matcher.
 */
import { insideLargerName } from './larger-name';
import type { Candidate, Matcher, Mention, TermList } from './matcher';

/**
 * What is present on the page for conditions to lean on: entries named by an unconditional term,
 * and cue words (negative keys).
 */
export function presentOnPage(terms: TermList, candidates: Iterable<Candidate>): Set<number> {
  const present = new Set<number>();
  for (const c of candidates) {
    for (const t of c.terms) {
      const term = terms.at(t)!;
      if (term.entry < 0 || !term.requires) present.add(term.entry);
    }
  }
  return present;
}

/**
 * The matcher's candidates in `text`, less those that are only part of a longer name the glossary
 * does not know ("New York" in "New York Cotton Exchange"). What every caller of the matcher uses.
 */
export function candidatesIn(matcher: Matcher, text: string): readonly Candidate[] {
  const found = matcher.scan(text);
  // Most candidates stay: the scan's list is copied only from the first that goes.
  let kept: Candidate[] | null = null;
  for (let i = 0; i < found.length; i++) {
    const c = found[i]!;
    if (insideLargerName(text, c.start, c.end)) kept ??= found.slice(0, i);
    else kept?.push(c);
  }
  return kept ?? found;
}

/**
 * The term a candidate takes: the first of its terms whose condition holds (`present` has one of
 * the keys it requires, or it requires none), or -1 when none does.
 */
export function chooseTerm(terms: TermList, candidate: Candidate, present: ReadonlySet<number>): number {
  // By index: `for … of` makes an iterator result a step in unoptimised code (a tab's first scan).
  const list = candidate.terms;
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    const term = terms.at(t)!;
    if (term.entry < 0) continue;
    const requires = term.requires;
    if (!requires) return t;
    for (let k = 0; k < requires.length; k++) if (present.has(requires[k]!)) return t;
  }
  return -1;
}

/** Keeps the candidates that are mentions; each takes the first of its terms whose condition holds. */
export function resolveMentions(
  terms: TermList,
  candidates: readonly Candidate[],
  present: ReadonlySet<number>,
): Mention[] {
  const mentions: Mention[] = [];
  for (const c of candidates) {
    const chosen = chooseTerm(terms, c, present);
    if (chosen >= 0)
      mentions.push({ start: c.start, end: c.end, entry: terms.at(chosen)!.entry, term: chosen });
  }
  return mentions;
}

/** Scan and resolve one text on its own: the whole text is the page. */
export function findMentions(matcher: Matcher, text: string): Mention[] {
  const candidates = candidatesIn(matcher, text);
  return resolveMentions(matcher.terms, candidates, presentOnPage(matcher.terms, candidates));
}
