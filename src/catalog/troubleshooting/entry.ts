/** The shape of one troubleshooting entry: an error a user can meet, its cause, its fix, what prevents it. */

/**
 * Text an entry matches, case-insensitively, in a pasted log line after normalizeLogText(): a literal
 * string, or a regular expression source for text with variable parts (names, ids, counts).
 */
export type ErrorPattern = string | { readonly regex: string };

/** When the error shows up: while the wizard's script runs, or later, when Dapr signs in. */
export const ERROR_STAGES = ['script', 'runtime'] as const;
export type ErrorStage = (typeof ERROR_STAGES)[number];

/** What prevents the error: a wizard choice (a share-link fragment, e.g. `kvModel=accesspolicy`), or a step. */
export interface Prevention {
  readonly text: string;
  /** Share-link pairs that open the wizard with the preventing choice made. */
  readonly fragment?: string;
}

export interface TroubleshootingEntry {
  /** Stable kebab-case id: the deep link (`troubleshoot.html#<id>`) and the name the scripts print. */
  readonly id: string;
  readonly title: string;
  readonly stages: readonly ErrorStage[];
  readonly patterns: readonly ErrorPattern[];
  /**
   * A broad entry (a generic wrapper line such as Dapr's "failed to init component") ranks after every
   * specific entry that also matches, since the specific one names the real cause.
   */
  readonly broad?: boolean;
  readonly cause: string;
  readonly fix: string;
  /** Commands for the fix, one per line, with <placeholders> for the user's names. */
  readonly commands?: readonly string[];
  readonly prevention: Prevention;
  /** Where the error text and the fix come from: repo#issue, repo path, or a doc page. */
  readonly sources: readonly string[];
}
