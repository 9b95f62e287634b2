import { useEffect, useState } from 'react';
import { copyText } from './clipboard';

interface CopyButtonProps {
  /** The text, or how to make it (made on click). */
  readonly text: string | (() => string);
  /** What is copied, for the button's accessible name: "Copy Component YAML". */
  readonly what: string;
  readonly label?: string;
}

/** Copies on click; says so visibly and to screen readers (the status region is polite). */
export function CopyButton({ text, what, label = 'Copy' }: CopyButtonProps) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (status === 'idle') return undefined;
    const timer = setTimeout(() => setStatus('idle'), 2000);
    return () => clearTimeout(timer);
  }, [status]);
  return (
    <>
      <button
        type="button"
        className="button small"
        // "Copy Component YAML"; a label that already names what it copies ("Copy share link") stays as is.
        aria-label={label.endsWith(what) ? label : `${label} ${what}`}
        onClick={() => {
          void copyText(typeof text === 'function' ? text() : text).then((copied) =>
            setStatus(copied ? 'copied' : 'failed'),
          );
        }}
      >
        {status === 'copied' ? 'Copied' : label}
      </button>
      <span className="visually-hidden" role="status">
        {status === 'copied'
          ? `${what} copied to the clipboard`
          : status === 'failed'
            ? `Could not copy ${what}: select the text and copy it`
            : ''}
      </span>
    </>
  );
}
