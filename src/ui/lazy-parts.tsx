/**
 * The parts of the page the first view does not need, each its own chunk (dynamic import()): the outputs
 * (LiveOutput: the generator and js-yaml) and the Review step (the deployment plan's summary). main.tsx
 * starts loading both as soon as it runs (after the prerendered page has painted), not on interaction, so
 * the outputs are live within the first second; a part still loading shows a placeholder of its shape.
 */
import {
  Component,
  lazy,
  Suspense,
  useState,
  type ComponentProps,
  type ComponentType,
  type ReactNode,
} from 'react';

type OutputModule = typeof import('./LiveOutput');

/** The output's module once loaded, so a render after that takes it directly, without suspending. */
let loadedOutput: OutputModule | undefined;
const loadOutput = (): Promise<OutputModule> =>
  import('./LiveOutput').then((module) => (loadedOutput = module));
const loadReview = () => import('./ReviewStep');

/**
 * Starts fetching every lazy part (each import() runs once, and the lazy components reuse them); resolves
 * when the output's part has loaded, or failed to. main.tsx hydrates after that: hydrating while a part of
 * the prerendered HTML still waited for its chunk, any update (the form's first validation already) would
 * make React drop that HTML and show the placeholder until the chunk came.
 */
export function loadLazyParts(): Promise<void> {
  void loadReview().catch(() => undefined);
  return loadOutput().then(
    () => undefined,
    () => undefined,
  );
}

const LazyOutput = lazy(() => loadOutput().then((module) => ({ default: module.LiveOutput })));
const LazyReview = lazy(() => loadReview().then((module) => ({ default: module.ReviewStep })));

interface LoadFailureProps {
  readonly what: string;
  readonly children: ReactNode;
}

/** A chunk that cannot load (offline before the first full visit, a deployment replaced mid-visit). */
class LoadFailure extends Component<LoadFailureProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <p className="field-error" role="alert">
        {this.props.what} could not be loaded. Check the connection, then reload the page.
      </p>
    );
  }
}

/** The output panel's frame while its chunk loads (a share link opened in the browser, not prerendered). */
function OutputPlaceholder() {
  return (
    <section
      className="output-panel"
      id="output"
      tabIndex={-1}
      aria-busy="true"
      aria-labelledby="output-loading"
    >
      <div className="output-header">
        <h2 id="output-loading">Your files</h2>
      </div>
      <p>Preparing your files…</p>
    </section>
  );
}

type OutputProps = ComponentProps<OutputModule['LiveOutput']>;

export function LiveOutput(props: OutputProps) {
  // Chosen once: the loaded component when its chunk is in (always, after loadLazyParts), else the lazy one
  // (a render before that); switching later would remount the panel and lose its selected tab.
  const [Output] = useState<ComponentType<OutputProps>>(() => loadedOutput?.LiveOutput ?? LazyOutput);
  return (
    <LoadFailure what="The generated files">
      <Suspense fallback={<OutputPlaceholder />}>
        <Output {...props} />
      </Suspense>
    </LoadFailure>
  );
}

export function ReviewStep() {
  return (
    <LoadFailure what="The review">
      <Suspense fallback={<p aria-busy="true">Preparing the review…</p>}>
        <LazyReview />
      </Suspense>
    </LoadFailure>
  );
}
