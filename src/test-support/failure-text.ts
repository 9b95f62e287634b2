/**
 * A stop's text for the renderer's own tests, which test the shell a message is printed by, not the
 * troubleshooting catalog: the generators make theirs with failureMessage or withEntry, which name an entry.
 */
import type { FailureText, FailureWord } from '../generate/troubleshoot-advice';
import type { Word } from '../generate/script-model';

export const stopText = (text: string): FailureText => text as FailureText;
export const stopWord = (word: Word): FailureWord => word as FailureWord;
