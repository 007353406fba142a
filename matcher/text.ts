/**
 * Character classes and folding shared by the matcher and whoever builds its terms.
 * Pure string functions: no DOM, no browser APIs.
 */

const WORD_RE = /[\p{L}\p{N}\p{M}]/u;

/** A letter, digit or combining mark: what a word is made of, in any script. */
export function isWordUnit(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  }
  // Surrogate halves count as word units: a match never starts or ends beside one.
  if (code >= 0xd800 && code <= 0xdfff) return true;
  return WORD_RE.test(String.fromCharCode(code));
}

export function isSpaceUnit(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x0c ||
    code === 0xa0 ||
    code === 0x202f ||
    (code >= 0x2000 && code <= 0x200a)
  );
}

/**
 * Folds one UTF-16 unit to the unit the matcher compares: white space to a space, typographic
 * apostrophes and hyphens to ASCII, letters to lower case where that keeps the length.
 */
export function foldUnit(code: number): number {
  if (isSpaceUnit(code)) return 0x20;
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 32 : code;
  if (code === 0x2019 || code === 0x2018 || code === 0x02bc) return 0x27;
  if (code === 0x2010 || code === 0x2011 || code === 0x2013) return 0x2d;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

/** Same as folding but keeping case: how an "exact" alias is compared. */
export function normaliseUnit(code: number): number {
  if (isSpaceUnit(code)) return 0x20;
  if (code < 0x80) return code;
  if (code === 0x2019 || code === 0x2018 || code === 0x02bc) return 0x27;
  if (code === 0x2010 || code === 0x2011 || code === 0x2013) return 0x2d;
  return code;
}

/** Collapses white space runs and maps typographic punctuation, keeping case. */
export function normaliseText(text: string): string {
  let out = '';
  let lastSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = normaliseUnit(text.charCodeAt(i));
    if (code === 0x20) {
      if (lastSpace) continue;
      lastSpace = true;
    } else lastSpace = false;
    out += String.fromCharCode(code);
  }
  return out.trim();
}
