/**
 * The troubleshooting catalog: every error a user of the wizard can meet, from its script's own steps and
 * guards (troubleshooting/script-steps.ts, kubernetes-steps.ts, database-steps.ts, grant-checks.ts,
 * container-host-checks.ts, machine-host-checks.ts) and its checks after the apply
 * (troubleshooting/verify-checks.ts) to Dapr signing in later
 * (troubleshooting/sign-in.ts), and the matcher that finds the entries a pasted log line belongs to.
 */
import { CONTAINER_HOST_CHECK_ENTRIES } from './troubleshooting/container-host-checks';
import { DATABASE_STEP_ENTRIES } from './troubleshooting/database-steps';
import type { ErrorPattern, TroubleshootingEntry } from './troubleshooting/entry';
import { GRANT_CHECK_ENTRIES } from './troubleshooting/grant-checks';
import { KUBERNETES_STEP_ENTRIES } from './troubleshooting/kubernetes-steps';
import { MACHINE_HOST_CHECK_ENTRIES } from './troubleshooting/machine-host-checks';
import { SCRIPT_STEP_ENTRIES } from './troubleshooting/script-steps';
import { SIGN_IN_ENTRIES } from './troubleshooting/sign-in';
import { VERIFY_CHECK_ENTRIES } from './troubleshooting/verify-checks';

export type { ErrorPattern, ErrorStage, Prevention, TroubleshootingEntry } from './troubleshooting/entry';
export { ERROR_STAGES } from './troubleshooting/entry';

export const TROUBLESHOOTING_ENTRIES: readonly TroubleshootingEntry[] = [
  ...SCRIPT_STEP_ENTRIES,
  ...KUBERNETES_STEP_ENTRIES,
  ...DATABASE_STEP_ENTRIES,
  ...GRANT_CHECK_ENTRIES,
  ...CONTAINER_HOST_CHECK_ENTRIES,
  ...MACHINE_HOST_CHECK_ENTRIES,
  ...VERIFY_CHECK_ENTRIES,
  ...SIGN_IN_ENTRIES,
];

/** The entry with this id, or undefined. */
export function troubleshootingEntry(id: string): TroubleshootingEntry | undefined {
  return TROUBLESHOOTING_ENTRIES.find((entry) => entry.id === id);
}

/**
 * Log text as the patterns expect it: JSON string escapes undone (\" \\ \n \t, \u00a0), typographic quotes
 * made plain, every run of white space one space, lower case. So a line copied from a JSON log, a
 * terminal or a portal blade matches the same pattern.
 */
export function normalizeLogText(text: string): string {
  return (
    text
      // \r\n, \n, \t written out as escapes inside a JSON string.
      .replace(/\\[rnt]/g, ' ')
      .replace(/\\u00a0/gi, ' ')
      // \" (and \\\" from a JSON string inside a JSON string) -> ".
      .replace(/\\+"/g, '"')
      .replace(/\\\\/g, '\\')
      .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
      .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
      .replace(/\s+/g, ' ')
      .toLowerCase()
  );
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const compiled = new Map<ErrorPattern, RegExp>();

/** A pattern as one case-insensitive regular expression over normalized text (compiled once). */
function patternRegex(pattern: ErrorPattern): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex =
      typeof pattern === 'string'
        ? new RegExp(escapeRegex(normalizeLogText(pattern)), 'i')
        : new RegExp(pattern.regex, 'i');
    compiled.set(pattern, regex);
  }
  return regex;
}

/** How strongly an entry matches normalized text: the total length of the text its patterns matched. */
function matchScore(entry: TroubleshootingEntry, normalized: string): number {
  let score = 0;
  for (const pattern of entry.patterns) {
    const found = patternRegex(pattern).exec(normalized);
    if (found) score += found[0].length;
  }
  return score;
}

/**
 * The entries whose error text occurs in the pasted text, best first: specific entries before broad
 * ones (a generic "failed to init component" line names its real cause further on), then the longest
 * total match, then catalog order.
 */
export function matchTroubleshooting(text: string): TroubleshootingEntry[] {
  const normalized = normalizeLogText(text);
  if (normalized.trim() === '') return [];
  return TROUBLESHOOTING_ENTRIES.map((entry, order) => ({
    entry,
    order,
    score: matchScore(entry, normalized),
  }))
    .filter((candidate) => candidate.score > 0)
    .sort(
      (a, b) =>
        Number(a.entry.broad ?? false) - Number(b.entry.broad ?? false) ||
        b.score - a.score ||
        a.order - b.order,
    )
    .map((candidate) => candidate.entry);
}
