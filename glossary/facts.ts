/** Which of an entry's dated facts hold on a given day. Pure; dates compare as ISO strings. */
import type { Fact, Kind } from './schema';

/** Pads a partial ISO date so that "2001" and "2001-10" compare with "2001-10-03". */
function pad(date: string, end: boolean): string {
  if (date.length === 4) return `${date}-${end ? '12-31' : '01-01'}`;
  if (date.length === 7) return `${date}-${end ? '31' : '01'}`;
  return date;
}

/** Facts true on `date` (YYYY-MM-DD); with no date, those still true when last checked. */
export function factsAsOf(facts: readonly Fact[], date?: string): Fact[] {
  return facts.filter((f) => {
    if (date === undefined) return f.until === undefined;
    if (f.from !== undefined && pad(f.from, false) > date) return false;
    if (f.until !== undefined && pad(f.until, true) < date) return false;
    return true;
  });
}

const year = (date: string) => date.slice(0, 4);

/** One line of the card's fact list. */
export interface FactLine {
  readonly label: string;
  readonly value: string;
  /** When it held: "since 1999", "since 1999, until 2003", "1999–2004"; absent when obvious. */
  readonly when?: string;
  /** What the same fact is today, when the card speaks for an earlier date and it has changed. */
  readonly today?: string;
}

function when(f: Fact, asOf: string | undefined): string | undefined {
  if (f.from === undefined) return undefined;
  // A fact whose value already gives its date ("Born 7 October 1952") needs no "since".
  if (f.until === undefined && f.value.includes(year(f.from))) return undefined;
  if (f.until === undefined) return `since ${year(f.from)}`;
  return asOf === undefined
    ? `${year(f.from)}–${year(f.until)}`
    : `since ${year(f.from)}, until ${year(f.until)}`;
}

/**
 * The facts a card shows: as of `asOf` (the page's date) when known, with today's value beside any
 * that has changed since; otherwise as of `today`.
 */
export function describeFacts(facts: readonly Fact[], today: string, asOf?: string): FactLine[] {
  const current = factsAsOf(facts, today);
  if (asOf === undefined || asOf >= today) {
    return current.map((f) => ({ label: f.label, value: f.value, when: when(f, undefined) }));
  }
  return factsAsOf(facts, asOf).map((f) => {
    const now = current.filter((c) => c.label === f.label);
    const changed = now.length > 0 && !now.some((c) => c.value === f.value);
    return {
      label: f.label,
      value: f.value,
      when: when(f, asOf),
      ...(changed ? { today: now.map((c) => c.value).join('; ') } : {}),
    };
  });
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * "3 October 2001" from "2001-10-03" ("2001-10" and "2001" read as the first of the month or
 * year), in English: the glossary is written in English. Written out by hand: the first
 * `toLocaleDateString` of a tab loads the engine's date formats, about 10 ms on the first card.
 */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  // Through Date, so an out-of-range day or month rolls over as it always did.
  const date = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  organisation: 'Organisation',
  person: 'Person',
  place: 'Place',
  treaty: 'Treaty',
  event: 'Event',
  concept: 'Concept',
};

export function wikipediaUrl(title: string): string {
  return `https://en.wikipedia.org/wiki/${encodeURIComponent(title.replace(/ /g, '_'))}`;
}
