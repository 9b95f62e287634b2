import { useId, useState } from 'react';
import type { GeneratedOutput, OutputFile, PendingOutput } from '../generate/index';
import type { WizardConfig } from '../model/config';
import { CopyButton } from './CopyButton';
import { downloadText } from './clipboard';
import { detailFieldLabel } from './field-labels';
import { useNavigation } from './navigation';

interface OutputPanelProps {
  readonly output: GeneratedOutput;
  readonly config: WizardConfig;
  readonly shareUrl: string;
}

type Tab = OutputFile | PendingOutput;

const ORDER = ['component-yaml', 'components-yaml', 'cli-bash', 'cli-teardown', 'k8s-manifests'];

/** A component's position, from its output's key (component-yaml:<index>); 0 for the shared files. */
function componentPosition(tab: Tab): number {
  return Number(tab.key.split(':')[1] ?? 0);
}

/**
 * The tab's label: the output's title, and where two tabs would read alike (two components of one name, until
 * one is renamed) the component's position too, so no two tabs look the same.
 */
function tabLabel(tab: Tab, tabs: readonly Tab[]): string {
  const alike = tabs.filter((other) => other.title === tab.title).length > 1;
  return alike && tab.id === 'component-yaml'
    ? `${tab.title} (component ${componentPosition(tab) + 1})`
    : tab.title;
}

/**
 * The generated files as tabs. Every block that applies stays in the page (hidden when its tab is not
 * selected), and its text is exactly what Copy puts on the clipboard.
 */
export function OutputPanel({ output, config, shareUrl }: OutputPanelProps) {
  const id = useId();
  const { goToField } = useNavigation();
  const tabs: Tab[] = [...output.files, ...output.pending].sort(
    (a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id) || componentPosition(a) - componentPosition(b),
  );
  const [selected, setSelected] = useState<string>('');
  const active = tabs.some((tab) => tab.key === selected) ? selected : (tabs[0]?.key ?? '');
  const domId = (kind: 'tab' | 'panel', key: string): string =>
    `${id}-${kind}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const focusTab = (index: number): void => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    setSelected(tab.key);
    document.getElementById(domId('tab', tab.key))?.focus();
  };
  return (
    <section className="output-panel" id="output" tabIndex={-1} aria-labelledby={`${id}-heading`}>
      <div className="output-header">
        <h2 id={`${id}-heading`}>Your files</h2>
        <CopyButton text={shareUrl} what="share link" label="Copy share link" />
      </div>
      <div role="tablist" aria-label="Generated files" className="tabs">
        {tabs.map((tab, index) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={domId('tab', tab.key)}
            aria-selected={tab.key === active}
            aria-controls={domId('panel', tab.key)}
            tabIndex={tab.key === active ? 0 : -1}
            onClick={() => setSelected(tab.key)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight') focusTab(index + 1);
              if (event.key === 'ArrowLeft') focusTab(index - 1);
            }}
          >
            {tabLabel(tab, tabs)}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.key}
          role="tabpanel"
          id={domId('panel', tab.key)}
          aria-labelledby={domId('tab', tab.key)}
          hidden={tab.key !== active}
          className={`output-block${'text' in tab ? '' : ' pending'}`}
        >
          {'text' in tab ? (
            <>
              <div className="output-actions">
                <span className="file-name">{tab.fileName}</span>
                <CopyButton text={tab.text} what={tab.title} />
                <button
                  type="button"
                  className="button small"
                  aria-label={`Download ${tab.fileName}`}
                  onClick={() => downloadText(tab.fileName, tab.text)}
                >
                  Download
                </button>
              </div>
              <pre tabIndex={0} aria-label={tab.title}>
                <code data-output={tab.id} data-component={tab.component}>
                  {tab.text}
                </code>
              </pre>
            </>
          ) : (
            <p>
              {tab.title} appears once these are valid:{' '}
              {tab.blockedBy.map((path, index) => (
                <span key={path}>
                  {index > 0 && ', '}
                  <button type="button" className="link-button" onClick={() => goToField(path)}>
                    {detailFieldLabel(config, path)}
                  </button>
                </span>
              ))}
              .
            </p>
          )}
        </div>
      ))}
    </section>
  );
}
