/**
 * The page's publication date, so that cards can speak for the day the article was written. Read once
 * per page from the usual places, most reliable first; `null` when none gives a plausible date.
 */

const META_SELECTORS = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
  'meta[name="pubdate"]',
  'meta[property="og:published_time"]',
];

/** JSON-LD blocks bigger than this are not parsed: a hostile page could make us spend time. */
const MAX_JSON_LD = 200_000;

/** `YYYY-MM-DD` from the start of an ISO-like date string, if it is a real calendar day. */
export function isoDay(value: string | null | undefined): string | null {
  const m = value?.trim().match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const plausible =
    Number(y) >= 1800 && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
  return plausible ? `${y}-${mo}-${d}` : null;
}

function fromJsonLd(value: unknown, depth = 0): string | null {
  if (depth > 4 || typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = fromJsonLd(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  const own = typeof record.datePublished === 'string' ? isoDay(record.datePublished) : null;
  return own ?? fromJsonLd(record['@graph'], depth + 1);
}

/** A date in the URL's path, as news sites write it: /2001/10/03/ or /2001-10-03-. */
export function dateInUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = path.match(/\/((?:19|20)\d{2})[/-](\d{2})[/-](\d{2})(?:[/-]|$)/);
  return m ? isoDay(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

export function publicationDate(doc: Document, url: string): string | null {
  for (const selector of META_SELECTORS) {
    const day = isoDay(doc.querySelector(selector)?.getAttribute('content'));
    if (day) return day;
  }
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_LD) continue;
    try {
      const day = fromJsonLd(JSON.parse(text));
      if (day) return day;
    } catch {
      // Broken JSON-LD is common; the other sources may still give the date.
    }
  }
  const time = doc.querySelector('article time[datetime], main time[datetime], time[pubdate][datetime]');
  const day = isoDay(time?.getAttribute('datetime'));
  return day ?? dateInUrl(url);
}
