import { memo, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { PendingOutput, PlannedFile, PlannedOutput } from '../generate/index';
import type { IacFile, IacFormat } from '../generate/iac-outputs';
import type { WizardConfig } from '../model/config';
import { CopyButton } from './CopyButton';
import { downloadText } from './clipboard';
import { downloadZip } from './download-all';
import { detailFieldLabel } from './field-labels';
import { useNavigation } from './navigation';

interface OutputPanelProps {
  readonly output: PlannedOutput;
  /**
   * What the hidden tabs show: the outputs of the values a moment ago, until React has rendered the newest
   * in the background (LiveOutput.tsx); the tab in view always shows `output`.
   */
  readonly background?: PlannedOutput;
  readonly config: WizardConfig;
  readonly shareUrl: string;
  /**
   * The blocks show the build's HTML, which holds every file's text already (for the prerendered values,
   * without the scripts' origin lines): while the page hydrates, and until the panel is about to be read
   * (output-reveal.ts). The texts are made on the render after.
   */
  readonly textsFromHtml?: boolean;
  /** The same for the hidden tabs, which follow a moment later (LiveOutput.tsx). */
  readonly hiddenTextsFromHtml?: boolean;
}

/** A Bicep or Terraform tab: its files come from the renderers, which load when such a tab first opens. */
interface IacTab {
  readonly id: 'iac';
  readonly key: string;
  readonly format: IacFormat;
  readonly title: string;
}

type Tab = PlannedFile | PendingOutput | IacTab;

const ORDER = [
  'component-yaml',
  'components-yaml',
  'cli-bash',
  'k8s-service-account',
  'k8s-deployment-patch',
  'cli-teardown',
  'iac',
];
const IAC_TABS: readonly IacTab[] = [
  { id: 'iac', key: 'iac:bicep', format: 'bicep', title: 'Bicep' },
  { id: 'iac', key: 'iac:terraform', format: 'terraform', title: 'Terraform' },
];

type IacModule = typeof import('./iac-chunk');
/** The renderers' chunk, loaded once per page (a dynamic import: Vite emits it apart from the first view). */
const loadIac = (): Promise<IacModule> => import('./iac-chunk');

/** A component's position, from its output's key (component-yaml:<index>); 0 for the shared files. */
function componentPosition(tab: Tab): number {
  return Number(tab.key.split(':')[1] ?? 0) || 0;
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

/** Arrow keys move between tabs, Home and End to the first and last (WAI-ARIA Authoring Practices, Tabs). */
function nextIndex(event: KeyboardEvent, index: number, count: number): number | undefined {
  switch (event.key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/**
 * The generated files as tabs. Every block that applies stays in the page (hidden when its tab is not
 * selected), and its text is exactly what Copy puts on the clipboard. The Bicep and Terraform blocks join them
 * once a Bicep or Terraform tab has been opened.
 */
export function OutputPanel({
  output,
  background = output,
  config,
  shareUrl,
  textsFromHtml = false,
  hiddenTextsFromHtml = textsFromHtml,
}: OutputPanelProps) {
  const id = useId();
  const { goToField } = useNavigation();
  const [iac, setIac] = useState<IacModule | 'loading' | Error | undefined>(undefined);
  const script = output.files.find((file) => file.id === 'cli-bash');
  const scriptPending = output.pending.find((file) => file.id === 'cli-bash');
  const tabs: Tab[] = [...output.files, ...output.pending, ...IAC_TABS].sort(
    (a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id) || componentPosition(a) - componentPosition(b),
  );
  const [selected, setSelected] = useState<string>('');
  const active = tabs.some((tab) => tab.key === selected) ? selected : (tabs[0]?.key ?? '');
  const iacFiles = useMemo((): Partial<Record<IacFormat, IacFile[]>> => {
    if (typeof iac !== 'object' || iac instanceof Error || script === undefined) return {};
    return { bicep: iac.iacFiles(config, 'bicep'), terraform: iac.iacFiles(config, 'terraform') };
  }, [iac, config, script]);
  const select = (key: string): void => {
    setSelected(key);
    if (key.startsWith('iac:') && iac === undefined) {
      setIac('loading');
      loadIac().then(setIac, (error: unknown) =>
        setIac(error instanceof Error ? error : new Error(String(error))),
      );
    }
  };
  const domId = (kind: 'tab' | 'panel', key: string): string =>
    `${id}-${kind}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const focusTab = (index: number): void => {
    const tab = tabs[index];
    if (!tab) return;
    select(tab.key);
    document.getElementById(domId('tab', tab.key))?.focus();
  };
  const downloadAll = async (): Promise<void> => {
    const module = typeof iac === 'object' && !(iac instanceof Error) ? iac : await loadIac();
    const infra = script
      ? [...module.iacFiles(config, 'bicep'), ...module.iacFiles(config, 'terraform')]
      : [];
    await downloadZip([
      ...output.files.map((file) => ({
        path:
          // Where the script writes them, so the commands in their headers work from the archive's root.
          file.id === 'cli-bash' || file.id === 'cli-teardown'
            ? file.fileName
            : `components/${file.fileName}`,
        text: file.text(),
      })),
      ...infra.map((file) => ({ path: file.path, text: file.text })),
    ]);
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
            onClick={() => select(tab.key)}
            onKeyDown={(event) => {
              const next = nextIndex(event, index, tabs.length);
              if (next === undefined) return;
              event.preventDefault();
              focusTab(next);
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
          className={`output-block${'text' in tab || (tab.id === 'iac' && script) ? '' : ' pending'}`}
        >
          {tab.id === 'iac' ? (
            <IacPanel
              tab={tab}
              files={iacFiles[tab.format]}
              state={iac}
              blockedBy={scriptPending?.blockedBy}
              config={config}
              goToField={goToField}
            />
          ) : 'text' in tab ? (
            <FileBlock
              file={tab.key === active ? tab : (background.files.find((file) => file.key === tab.key) ?? tab)}
              textFromHtml={tab.key === active ? textsFromHtml : hiddenTextsFromHtml}
            />
          ) : (
            <Blocked title={tab.title} blockedBy={tab.blockedBy} config={config} goToField={goToField} />
          )}
        </div>
      ))}
      {/* After the files, so the tab row stays next in the keyboard order after the header. */}
      <div className="output-actions">
        <button
          type="button"
          className="button small"
          disabled={output.files.length === 0}
          onClick={() => void downloadAll()}
        >
          Download all (.zip)
        </button>
      </div>
    </section>
  );
}

interface FileBlockProps {
  readonly file: PlannedFile;
  readonly textFromHtml: boolean;
}

/**
 * One file, its text made in this part's own render: a render of every file (the first after the page
 * loads) can then pause between files instead of making them all in one long task. Rendered again only for
 * another file (a memo: a hidden tab showing the same file as before costs nothing).
 */
const FileBlock = memo(function FileBlock({ file, textFromHtml }: FileBlockProps) {
  return (
    <>
      <div className="output-actions">
        <span className="file-name">{file.fileName}</span>
        <CopyButton text={file.text} what={file.title} />
        <button
          type="button"
          className="button small"
          aria-label={`Download ${file.fileName}`}
          onClick={() => downloadText(file.fileName, file.text())}
        >
          Download
        </button>
      </div>
      {/* A named region: the block can take focus (to scroll it by keyboard), and a name needs a role. */}
      <pre tabIndex={0} role="region" aria-label={file.title}>
        {/* Adopting the build's HTML, React keeps the text the HTML holds (made from the same values at build
            time) rather than make it again while the page loads; the render after writes this one. */}
        <code data-output={file.id} data-component={file.component} suppressHydrationWarning={textFromHtml}>
          {textFromHtml ? '' : file.text()}
        </code>
      </pre>
    </>
  );
});

interface BlockedProps {
  readonly title: string;
  readonly blockedBy: PendingOutput['blockedBy'];
  readonly config: WizardConfig;
  readonly goToField: ReturnType<typeof useNavigation>['goToField'];
}

/** An output waiting for fields: each one a link to it. */
function Blocked({ title, blockedBy, config, goToField }: BlockedProps) {
  return (
    <p>
      {title} appears once these are valid:{' '}
      {blockedBy.map((path, index) => (
        <span key={path}>
          {index > 0 && ', '}
          <button type="button" className="link-button" onClick={() => goToField(path)}>
            {detailFieldLabel(config, path)}
          </button>
        </span>
      ))}
      .
    </p>
  );
}

interface IacPanelProps {
  readonly tab: IacTab;
  readonly files: readonly IacFile[] | undefined;
  readonly state: IacModule | 'loading' | Error | undefined;
  /** The setup script's missing fields: the IaC files are made from the same ones. */
  readonly blockedBy: PendingOutput['blockedBy'] | undefined;
  readonly config: WizardConfig;
  readonly goToField: BlockedProps['goToField'];
}

function IacPanel({ tab, files, state, blockedBy, config, goToField }: IacPanelProps) {
  const loaded = typeof state === 'object' && !(state instanceof Error) ? state : undefined;
  if (blockedBy)
    return <Blocked title={tab.title} blockedBy={blockedBy} config={config} goToField={goToField} />;
  if (state instanceof Error)
    return (
      <p role="alert">
        The {tab.title} files could not load: {state.message}
      </p>
    );
  if (!files || !loaded) return <p>Loading the {tab.title} files…</p>;
  return <loaded.IacFiles format={tab.format} files={files} resourceGroup={config.resourceGroup} />;
}
