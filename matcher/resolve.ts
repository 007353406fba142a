/**
 * Which candidates are mentions. Runs once the whole page is scanned, because a conditional term
 * ("Mr. Putin", "Article 5", "Georgia") counts only where something it requires is on the page.
 * Pure, like the matcher.
 */
import { insideLargerName } from './larger-name';
import type { Candidate, Matcher, Mention, Term } from './matcher';

/**
 * What is present on the page for conditions to lean on: entries named by an unconditional term,
 * and cue words (negative keys).
 */
export function presentOnPage(terms: readonly Term[], candidates: Iterable<Candidate>): Set<number> {
  const present = new Set<number>();
  for (const c of candidates) {
    for (const t of c.terms) {
      const term = terms[t]!;
      if (term.entry < 0 || !term.requires) present.add(term.entry);
    }
  }
  return present;
}

/**
 * The matcher's candidates in `text`, less those that are only part of a longer name the glossary
 * does not know ("New York" in "New York Cotton Exchange"). What every caller of the matcher uses.
 */
export function candidatesIn(matcher: Matcher, text: string): Candidate[] {
  return matcher.scan(text).filter((c) => !insideLargerName(text, c.start, c.end));
}

/** Keeps the candidates that are mentions; each takes the first of its terms whose condition holds. */
export function resolveMentions(
  terms: readonly Term[],
  candidates: readonly Candidate[],
  present: ReadonlySet<number>,
): Mention[] {
  const mentions: Mention[] = [];
  for (const c of candidates) {
    const chosen = c.terms.find((t) => {
      const term = terms[t]!;
      if (term.entry < 0) return false;
      return !term.requires || term.requires.some((key) => present.has(key));
    });
    if (chosen !== undefined) {
      mentions.push({ start: c.start, end: c.end, entry: terms[chosen]!.entry, term: chosen });
    }
  }
  return mentions;
}

/** Scan and resolve one text on its own: the whole text is the page. */
export function findMentions(matcher: Matcher, text: string): Mention[] {
  const candidates = candidatesIn(matcher, text);
  return resolveMentions(matcher.terms, candidates, presentOnPage(matcher.terms, candidates));
}
