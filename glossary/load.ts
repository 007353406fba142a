/**
 * Build-time loading of the glossary: reads every file in `entries/`, validates it against the schema
 * and checks what a schema can't (unique ids and QIDs, related ids exist, no alias claimed twice
 * without a rule). Runs in Node only — the build, tests and command-line tools.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { foldKey, nameIsConditional } from './compile';
import { GlossaryFileSchema, type Entry } from './schema';

export const ENTRIES_DIR = new URL('./entries/', import.meta.url).pathname;

export class GlossaryError extends Error {
  override name = 'GlossaryError';
}

export function parseGlossaryFile(name: string, json: string): Entry[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new GlossaryError(`${name}: not valid JSON (${(err as Error).message})`);
  }
  const result = v.safeParse(GlossaryFileSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    const path = v.getDotPath(issue) ?? '(top)';
    throw new GlossaryError(`${name}: ${path}: ${issue.message}`);
  }
  return result.output.entries;
}

/** Cross-entry checks; returns the problems found, empty when the glossary is sound. */
export function checkEntries(entries: readonly Entry[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const qids = new Map<string, string>();
  for (const e of entries) {
    if (ids.has(e.id)) problems.push(`duplicate id "${e.id}"`);
    ids.add(e.id);
    if (e.qid === null) continue;
    const other = qids.get(e.qid);
    if (other) problems.push(`"${e.id}" and "${other}" share QID ${e.qid}`);
    qids.set(e.qid, e.id);
  }
  // Which entries claim each alias without a condition.
  const claims = new Map<string, string[]>();
  for (const e of entries) {
    for (const r of e.related) {
      if (!ids.has(r)) problems.push(`"${e.id}" is related to unknown id "${r}"`);
      if (r === e.id) problems.push(`"${e.id}" is related to itself`);
    }
    const unconditional = new Set<string>(nameIsConditional(e) ? [] : [foldKey(e.name)]);
    for (const a of e.aliases) {
      for (const r of a.requires ?? []) {
        if (!ids.has(r)) problems.push(`"${e.id}" alias "${a.text}" requires unknown id "${r}"`);
      }
      if (!a.requires && !a.cues) unconditional.add(foldKey(a.text));
    }
    for (const key of unconditional) {
      const list = claims.get(key) ?? [];
      list.push(e.id);
      claims.set(key, list);
    }
  }
  for (const [key, list] of claims) {
    if (list.length > 1) {
      problems.push(`alias "${key}" is claimed by ${list.join(', ')} without a rule to tell them apart`);
    }
  }
  return problems;
}

export function loadGlossary(dir: string = ENTRIES_DIR): Entry[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const entries = files.flatMap((f) => parseGlossaryFile(f, readFileSync(join(dir, f), 'utf8')));
  const problems = checkEntries(entries);
  if (problems.length > 0) {
    throw new GlossaryError(`glossary has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  }
  return entries;
}
