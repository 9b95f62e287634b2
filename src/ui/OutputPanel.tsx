import { useId, useState } from 'react';
import type { GeneratedOutput, OutputId } from '../generate/index';
import { detailFieldLabel } from './field-labels';
import type { WizardConfig } from '../model/config';
import { CopyButton } from './CopyButton';
import { downloadText } from './clipboard';

interface OutputPanelProps {
  readonly output: GeneratedOutput;
  readonly config: WizardConfig;
  readonly shareUrl: string;
}

/**
 * The generated files as tabs. Every block that applies stays in the page (hidden when its tab is not
 * selected), and its text is exactly what Copy puts on the clipboard.
 */
export function OutputPanel({ output, config, shareUrl }: OutputPanelProps) {
  const id = useId();
  const tabs = [
    ...output.files.map((file) => ({ id: file.id, title: file.title })),
    ...output.pending.map((pending) => ({ id: pending.id, title: pending.title })),
  ];
  const order: OutputId[] = ['component-yaml', 'cli-bash', 'k8s-manifests'];
  tabs.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const [selected, setSelected] = useState<OutputId>('component-yaml');
  const active = tabs.some((tab) => tab.id === selected) ? selected : 'component-yaml';
  const focusTab = (index: number): void => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    setSelected(tab.id);
    document.getElementById(`${id}-tab-${tab.id}`)?.focus();
  };
  return (
    <section className="output-panel" aria-labelledby={`${id}-heading`}>
      <div className="output-header">
        <h2 id={`${id}-heading`}>Your files</h2>
        <CopyButton text={shareUrl} what="share link" label="Copy share link" />
      </div>
      <div role="tablist" aria-label="Generated files" className="tabs">
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${id}-tab-${tab.id}`}
            aria-selected={tab.id === active}
            aria-controls={`${id}-panel-${tab.id}`}
            tabIndex={tab.id === active ? 0 : -1}
            onClick={() => setSelected(tab.id)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight') focusTab(index + 1);
              if (event.key === 'ArrowLeft') focusTab(index - 1);
            }}
          >
            {tab.title}
          </button>
        ))}
      </div>
      {output.files.map((file) => (
        <div
          key={file.id}
          role="tabpanel"
          id={`${id}-panel-${file.id}`}
          aria-labelledby={`${id}-tab-${file.id}`}
          hidden={file.id !== active}
          className="output-block"
        >
          <div className="output-actions">
            <span className="file-name">{file.fileName}</span>
            <CopyButton text={file.text} what={file.title} />
            <button
              type="button"
              className="button small"
              aria-label={`Download ${file.fileName}`}
              onClick={() => downloadText(file.fileName, file.text)}
            >
              Download
            </button>
          </div>
          <pre tabIndex={0} aria-label={file.title}>
            <code data-output={file.id}>{file.text}</code>
          </pre>
        </div>
      ))}
      {output.pending.map((pending) => (
        <div
          key={pending.id}
          role="tabpanel"
          id={`${id}-panel-${pending.id}`}
          aria-labelledby={`${id}-tab-${pending.id}`}
          hidden={pending.id !== active}
          className="output-block pending"
        >
          <p>
            {pending.title} appears once these are valid:{' '}
            {pending.blockedBy.map((path) => detailFieldLabel(config, path)).join(', ')}.
          </p>
        </div>
      ))}
    </section>
  );
}
