import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { generate } from '../generate/index';
import { defaultConfig, type WizardConfig } from '../model/config';
import { detailFields, fieldValue } from '../model/fields';
import { parseShareLink, toShareHash, type LinkErrors } from '../model/url-state';
import { wizardResolver } from './form-resolver';
import { OutputPanel } from './OutputPanel';
import { ThemePicker } from './ThemePicker';
import { Wizard } from './Wizard';

function readLink(): ReturnType<typeof parseShareLink> {
  return parseShareLink(window.location.search, window.location.hash);
}

/** The page: the wizard, and beside it (below it on a phone) the output, derived from the form on every render. */
export function App() {
  const [initial] = useState(readLink);
  const [link, setLink] = useState(initial);
  const form = useForm<WizardConfig>({
    defaultValues: initial.config,
    resolver: wizardResolver,
    mode: 'onTouched',
  });
  const { control, reset, trigger } = form;
  const config = useWatch({ control }) as WizardConfig;
  const output = useMemo(() => generate(config), [config]);
  const hash = useMemo(() => toShareHash(config), [config]);

  // Values that came with a link are checked at once, so a bad one shows its message beside its field.
  useEffect(() => {
    const fromLink = (config: WizardConfig): FieldPath<WizardConfig>[] => {
      const defaults = defaultConfig();
      return detailFields(config)
        .filter((field) => fieldValue(config, field.path) !== fieldValue(defaults, field.path))
        .map((field) => field.path as FieldPath<WizardConfig>);
    };
    void trigger(fromLink(initial.config));
    const onHashChange = (): void => {
      const link = readLink();
      reset(link.config);
      setLink(link);
      void trigger(fromLink(link.config));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [initial, reset, trigger]);

  // The address bar always holds the share link of the current state.
  useEffect(() => {
    const url = `${window.location.pathname}${window.location.search}${hash === '' ? '' : `#${hash}`}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(null, '', url);
    }
  }, [hash]);

  // A link's complaint stays until the user changes what it is about: a host choice, or the components.
  const componentsUnchanged = JSON.stringify(config.components) === JSON.stringify(link.config.components);
  const linkErrors: LinkErrors = Object.fromEntries(
    Object.entries(link.linkErrors).filter(([key]) =>
      key === 'host' || key === 'identity' || key === 'aksIdentity'
        ? config[key] === link.config[key]
        : componentsUnchanged,
    ),
  );
  const shareUrl = `${window.location.origin}${window.location.pathname}${hash === '' ? '' : `#${hash}`}`;
  return (
    <FormProvider {...form}>
      <header className="page-header">
        <div className="title-row">
          <h1>Dapr Managed Identity Wizard</h1>
          <ThemePicker />
        </div>
        <p>
          From “my Dapr app runs on Azure” to a password-less connection: the component YAML and the exact
          commands that give your host its identity and the least role on the one resource.
        </p>
      </header>
      <main className="layout">
        <Wizard linkErrors={linkErrors} />
        <OutputPanel output={output} config={config} shareUrl={shareUrl} />
      </main>
    </FormProvider>
  );
}
