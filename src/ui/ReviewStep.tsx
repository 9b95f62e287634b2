import { useFormContext, useWatch } from 'react-hook-form';
import { componentSpec } from '../catalog/components';
import { hostSpec } from '../catalog/hosts';
import { AKS_IDENTITY_OPTIONS, IDENTITY_OPTIONS } from '../catalog/identities';
import { effectiveIdentity, type WizardConfig } from '../model/config';
import { heldExamples } from '../model/examples';
import type { FieldPath } from '../model/fields';
import { validateConfig } from '../model/validate';
import { buildPlan } from '../generate/plan/build-plan';
import { planSummary } from '../generate/plan/summary';
import { detailFieldLabel } from './field-labels';
import { useNavigation } from './navigation';

/** What was chosen, what to run in which order, and what to watch out for. */
export function ReviewStep() {
  const { control } = useFormContext<WizardConfig>();
  const config = useWatch({ control }) as WizardConfig;
  const host = hostSpec(config.host);
  const identity = effectiveIdentity(config);
  const { goToField } = useNavigation();
  const missing = Object.entries(validateConfig(config)) as [FieldPath, string][];
  const examples = heldExamples(config);
  const identityTitle = [...IDENTITY_OPTIONS, ...AKS_IDENTITY_OPTIONS].find(
    (option) => option.id === identity,
  )?.title;
  return (
    <div className="review">
      {missing.length > 0 && (
        <section className="missing" aria-labelledby="review-missing">
          <h3 id="review-missing">Still to fill in or fix</h3>
          <ul>
            {missing.map(([path, message]) => (
              <li key={path}>
                <button type="button" className="link-button" onClick={() => goToField(path)}>
                  {detailFieldLabel(config, path)}
                </button>
                : {message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {examples.length > 0 && (
        <section className="missing" aria-labelledby="review-examples">
          <h3 id="review-examples">Example values to replace</h3>
          <p className="note">The setup script stops at its first line until each holds your own value.</p>
          <ul>
            {examples.map((example) => (
              <li key={example.path}>
                <button type="button" className="link-button" onClick={() => goToField(example.path)}>
                  {detailFieldLabel(config, example.path)}
                </button>
                : <code>{example.value}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      <dl>
        <dt>Host</dt>
        <dd>{host.title}</dd>
        <dt>Identity</dt>
        <dd>{identityTitle}</dd>
        <dt>{config.components.length === 1 ? 'Component' : 'Components'}</dt>
        <dd>
          <ul className="plain-list">
            {config.components.map((component, index) => (
              <li key={index}>
                {component.name}: {componentSpec(component.type, component.version).title}{' '}
                <code>
                  {component.type} {component.version}
                </code>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <section aria-labelledby="review-changes">
        <h3 id="review-changes">What the setup will change</h3>
        {planSummary(buildPlan(config)).map((section) => (
          <div key={section.title}>
            <h4>{section.title}</h4>
            <ul>
              {section.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <h3>Next</h3>
      <ol>
        <li>
          Sign in with <code>az login</code>, then run the Azure CLI script: it grants the access and writes
          the files.
        </li>
        {host.format === 'kubernetes' && (
          <li>Merge the Deployment patch from the Kubernetes tab into your app.</li>
        )}
        <li>Give the grants a few minutes to take effect, then start (or restart) the app.</li>
      </ol>
      {identity === 'kubelet' && (
        <p className="warning" role="note">
          Every pod on the cluster’s nodes can use the kubelet identity, so they all gain this access. Prefer
          Workload ID.
        </p>
      )}
    </div>
  );
}
