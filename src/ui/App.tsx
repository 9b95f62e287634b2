import { useCallback, useEffect, useMemo, useState } from 'react';
import { FormProvider, useForm, useFormContext, useWatch, type FieldPath } from 'react-hook-form';
import { defaultConfig, type WizardConfig } from '../model/config';
import { detailFields, fieldValue, type FieldPath as DetailPath } from '../model/fields';
import type { LinkErrors, ParsedLink } from '../model/url-state';
import { wizardResolver } from './form-resolver';
import { LiveOutput } from './lazy-parts';
import { focusFieldWhenShown, NavigationContext, type WizardNavigation } from './navigation';
import { readPageLink } from './page-link';
import type { StepId } from './steps';
import { Wizard } from './Wizard';

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
 * `initial` is the link the page was opened with (main.tsx reads the address bar; the build's prerender
 * passes the default), so rendering reads nothing from the browser.
 */
export function App({ initial }: { readonly initial: ParsedLink }) {
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
        // A component's version is chosen on the Components step; every other field is on Details.
        setStep(/^components\.\d+\.version$/.test(path) ? 'component' : 'details');
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
      const next = readPageLink();
      reset(next.config);
      setLink(next);
      void trigger(fieldsFromLink(next.config));
    };
    window.addEventListener('hashchange', onHashChange);
    // A link followed on the prerendered page before this script ran (a preset, in the first second) changed
    // the address with no one listening: the page takes it now, as it would have on hashchange.
    // The link's complaints count too: a link whose every value was refused opens the defaults, and says so.
    const now = readPageLink();
    if (
      JSON.stringify(now.config) !== JSON.stringify(initial.config) ||
      JSON.stringify(now.linkErrors) !== JSON.stringify(initial.linkErrors)
    )
      onHashChange();
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [initial, reset, trigger]);

  // The same element while the link and the step stay: the form re-renders this component for changes of its
  // own state the tree does not read (its parts subscribe with useWatch and useFormState), the first of them
  // in the layout effect of its first commit (react-hook-form's useForm marks itself ready). Each new element
  // would hand FormProvider a new context value, and React would hydrate every part of the prerendered view
  // not hydrated yet in one synchronous task at once, the page's longest on a phone.
  const initialConfig = initial.config;
  return useMemo(
    () => (
      <FormProvider {...form}>
        <NavigationContext.Provider value={navigation}>
          <main className="layout">
            <LinkedWizard link={link} />
            <LiveOutput prerendered={initialConfig} />
          </main>
          <NameCollisionCheck />
        </NavigationContext.Provider>
      </FormProvider>
    ),
    [form, navigation, link, initialConfig],
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
