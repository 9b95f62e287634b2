import { useCallback, useEffect, useMemo, useState } from 'react';
import { FormProvider, useForm, useFormContext, useWatch, type FieldPath } from 'react-hook-form';
import { generate } from '../generate/index';
import { defaultConfig, type WizardConfig } from '../model/config';
import { detailFields, fieldValue, type FieldPath as DetailPath } from '../model/fields';
import { parseShareLink, toShareHash, type LinkErrors, type ParsedLink } from '../model/url-state';
import { wizardResolver } from './form-resolver';
import { focusFieldWhenShown, NavigationContext, type WizardNavigation } from './navigation';
import { OutputPanel } from './OutputPanel';
import type { StepId } from './steps';
import { Wizard } from './Wizard';

function readLink(): ParsedLink {
  return parseShareLink(window.location.search, window.location.hash);
}

/** The fields whose values came with a link, to check at once. */
function fieldsFromLink(config: WizardConfig): FieldPath<WizardConfig>[] {
  const defaults = defaultConfig();
  return detailFields(config)
    .filter((field) => fieldValue(config, field.path) !== fieldValue(defaults, field.path))
    .map((field) => field.path as FieldPath<WizardConfig>);
}

/**
 * The wizard and its output (the header is static in index.html). It holds the form and the link it was opened with, and re-renders only when a new link arrives:
 * each keystroke re-renders just the parts that watch the form (the step shown and the output).
 */
export function App() {
  const [initial] = useState(readLink);
  const [link, setLink] = useState(initial);
  const form = useForm<WizardConfig>({
    defaultValues: initial.config,
    resolver: wizardResolver,
    mode: 'onTouched',
  });
  const { reset, trigger } = form;
  const [step, setStep] = useState<StepId>('host');
  const goToStep = useCallback((next: StepId): void => {
    setStep(next);
    // Focus the new step's heading, so keyboard and screen reader users start at its top.
    requestAnimationFrame(() => document.getElementById('step-heading')?.focus());
  }, []);
  const navigation: WizardNavigation = useMemo(
    () => ({
      step,
      goToStep,
      goToField: (path: DetailPath) => {
        setStep('details');
        focusFieldWhenShown(path);
      },
      startOver: () => {
        const defaults = defaultConfig();
        reset(defaults);
        // The output then writes no hash: the address bar drops the old share link.
        setLink({ config: defaults, linkErrors: {} });
        goToStep('host');
      },
    }),
    [step, goToStep, reset],
  );

  // Values that came with a link are checked at once, so a bad one shows its message beside its field.
  useEffect(() => {
    void trigger(fieldsFromLink(initial.config));
    const onHashChange = (): void => {
      const next = readLink();
      reset(next.config);
      setLink(next);
      void trigger(fieldsFromLink(next.config));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [initial, reset, trigger]);

  return (
    <FormProvider {...form}>
      <NavigationContext.Provider value={navigation}>
        <main className="layout">
          <LinkedWizard link={link} />
          <LiveOutput />
        </main>
        <NameCollisionCheck />
      </NavigationContext.Provider>
    </FormProvider>
  );
}

/** The wizard, with the link's complaints until the user changes what each is about. */
function LinkedWizard({ link }: { readonly link: ParsedLink }) {
  const [host, identity, aksIdentity, components] = useWatch<
    WizardConfig,
    ['host', 'identity', 'aksIdentity', 'components']
  >({
    name: ['host', 'identity', 'aksIdentity', 'components'],
  });
  const componentsUnchanged = JSON.stringify(components) === JSON.stringify(link.config.components);
  const current: Record<string, unknown> = { host, identity, aksIdentity };
  const visible = Object.keys(link.linkErrors)
    .filter((key) =>
      key in current ? current[key] === link.config[key as keyof WizardConfig] : componentsUnchanged,
    )
    .join('\n');
  const linkErrors: LinkErrors = useMemo(
    () =>
      Object.fromEntries(
        Object.entries(link.linkErrors).filter(([key]) => visible.split('\n').includes(key)),
      ),
    [link, visible],
  );
  return <Wizard linkErrors={linkErrors} />;
}

/** The outputs, derived from the form on every change, and the address bar kept as the share link. */
function LiveOutput() {
  const config = useWatch<WizardConfig>() as WizardConfig;
  const hash = useMemo(() => toShareHash(config), [config]);
  const output = useMemo(
    () =>
      generate(config, {
        shareLink: `${window.location.origin}${window.location.pathname}${hash === '' ? '' : `#${hash}`}`,
        generatedOn: new Date().toISOString().slice(0, 10),
        version: __WIZARD_VERSION__,
      }),
    [config, hash],
  );
  useEffect(() => {
    const url = `${window.location.pathname}${window.location.search}${hash === '' ? '' : `#${hash}`}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(null, '', url);
    }
  }, [hash]);
  const shareUrl = `${window.location.origin}${window.location.pathname}${hash === '' ? '' : `#${hash}`}`;
  return <OutputPanel output={output} config={config} shareUrl={shareUrl} />;
}

/**
 * Two components with one name are both wrong, but the form re-checks only the field being typed in: when
 * the names change, every name that collides, or did, is checked again, so each shows (or drops) its error.
 */
function NameCollisionCheck(): null {
  const { control, trigger, getFieldState } = useFormContext<WizardConfig>();
  const components = useWatch({ control, name: 'components' });
  const names = components.map((component) => component.name);
  const key = JSON.stringify(names);
  useEffect(() => {
    const list = JSON.parse(key) as string[];
    const paths = list
      .map((_, index) => `components.${index}.name` as const)
      .filter(
        (path, index) =>
          list.indexOf(list[index] ?? '') !== list.lastIndexOf(list[index] ?? '') ||
          getFieldState(path).invalid,
      );
    if (paths.length > 0) void trigger(paths);
  }, [key, trigger, getFieldState]);
  return null;
}
