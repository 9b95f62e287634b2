import { useId } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import {
  COMPONENT_TYPES,
  componentSpec,
  componentVersions,
  UNSUPPORTED_COMPONENTS,
} from '../catalog/components';
import { uniqueComponentName, type WizardConfig } from '../model/config';
import {
  componentWarnings,
  defaultComponentOn,
  defaultVersionOn,
  versionDaprLabel,
  versionUnavailableReason,
} from '../model/host-dapr';
import { MAX_COMPONENTS, type LinkErrors } from '../model/url-state';
import { ComponentPicker } from './ComponentPicker';

/**
 * Keeps keyboard focus in place once the list has re-rendered: Up, Down and Remove otherwise leave it on the
 * page body (a moved item's node is re-inserted, a removed one is gone). The first candidate still enabled wins.
 */
function focusAfterRender(candidates: () => readonly (HTMLElement | null | undefined)[]): void {
  requestAnimationFrame(() => {
    const target = candidates().find(
      (element) => element?.isConnected && !(element instanceof HTMLButtonElement && element.disabled),
    );
    target?.focus();
  });
}

/** The components of the configuration: add, remove, reorder, pick a version. All share one identity. */
export function ComponentStep({ linkErrors }: { readonly linkErrors: LinkErrors }) {
  const id = useId();
  const { control, register } = useFormContext<WizardConfig>();
  const { fields, append, remove, move } = useFieldArray({ control, name: 'components' });
  const components = useWatch({ control, name: 'components' });
  const host = useWatch({ control, name: 'host' });
  // The picker offers the first component not yet in the configuration.
  const notYetAdded = COMPONENT_TYPES.find(
    (type) => !components.some((component) => component.type === type),
  );
  const addSearchId = `${id}-add`;
  // After a move the pressed button (or, at the end of the list, the item's other move button) keeps focus;
  // after a removal, the Remove button now at that place, else the last one, else "Add a component".
  const moveButton = (button: HTMLElement, direction: 'up' | 'down'): HTMLElement | null | undefined =>
    button.closest('.component-actions')?.querySelector<HTMLElement>(`[data-move="${direction}"]`);
  const removeButtons = (list: Element | null): HTMLElement[] =>
    list ? [...list.querySelectorAll<HTMLElement>('[data-remove]')] : [];
  const componentErrors = Object.entries(linkErrors).filter(([key]) =>
    /^(c\d+\.)?(component|version)$/.test(key),
  );
  return (
    <div className="components-step">
      <p className="note">
        Every component signs in with the same identity; the script grants each one what it needs.
      </p>
      {componentErrors.length > 0 && (
        <ul className="field-error" id={`${id}-link-errors`}>
          {componentErrors.map(([key, message]) => (
            <li key={key}>{message}</li>
          ))}
        </ul>
      )}
      <ol className="component-list" aria-label="Components in this configuration">
        {fields.map((field, index) => {
          const current = components[index] ?? field;
          const spec = componentSpec(current.type, current.version);
          const versions = componentVersions(current.type);
          const recommended = defaultVersionOn(host, current.type);
          // The host's Dapr cannot load this version (state.sqlserver v2 on Container Apps): said beside the choice.
          const versionError = versionUnavailableReason(host, current);
          const versionErrorId = `${id}-${field.id}-version-error`;
          return (
            <li key={field.id} className="component-item">
              <div className="component-heading">
                <span className="choice-title">{spec.title}</span> <code>{current.type}</code>
                <span className="component-name"> as “{current.name}”</span>
              </div>
              <p className="choice-description">{spec.summary}</p>
              {spec.deprecated && <p className="warning">{spec.deprecated}</p>}
              {componentWarnings(host, current).map((warning) => (
                <p key={warning} className="warning">
                  {warning}
                </p>
              ))}
              <div className="component-actions">
                {versions.length > 1 && (
                  <label>
                    Version{' '}
                    <select
                      {...register(`components.${index}.version`)}
                      aria-invalid={versionError ? true : undefined}
                      aria-describedby={versionError ? versionErrorId : undefined}
                    >
                      {versions.map((version) => {
                        const unloadable = versionUnavailableReason(host, { type: current.type, version });
                        return (
                          <option
                            key={version}
                            value={version}
                            // Never offered where it cannot load; still shown when a link already chose it.
                            disabled={unloadable !== undefined && version !== current.version}
                          >
                            {version} ({version === recommended ? 'recommended, ' : ''}
                            {versionDaprLabel(current.type, version)}
                            {unloadable ? ', not here' : ''})
                          </option>
                        );
                      })}
                    </select>
                  </label>
                )}
                {versions.length === 1 && (
                  <span className="note">
                    {current.version}, needs {versionDaprLabel(current.type, current.version)}
                  </span>
                )}
                <button
                  type="button"
                  className="button small secondary"
                  disabled={index === 0}
                  aria-label={`Move ${current.name} up`}
                  data-move="up"
                  onClick={(event) => {
                    const button = event.currentTarget;
                    move(index, index - 1);
                    focusAfterRender(() => [button, moveButton(button, 'down')]);
                  }}
                >
                  Up
                </button>
                <button
                  type="button"
                  className="button small secondary"
                  disabled={index === fields.length - 1}
                  aria-label={`Move ${current.name} down`}
                  data-move="down"
                  onClick={(event) => {
                    const button = event.currentTarget;
                    move(index, index + 1);
                    focusAfterRender(() => [button, moveButton(button, 'up')]);
                  }}
                >
                  Down
                </button>
                <button
                  type="button"
                  className="button small secondary"
                  disabled={fields.length === 1}
                  aria-label={`Remove ${current.name}`}
                  data-remove=""
                  onClick={(event) => {
                    const list = event.currentTarget.closest('ol');
                    remove(index);
                    focusAfterRender(() => {
                      const buttons = removeButtons(list);
                      return [buttons[index], buttons.at(-1), document.getElementById(addSearchId)];
                    });
                  }}
                >
                  Remove
                </button>
              </div>
              {versionError && (
                <p className="field-error" id={versionErrorId}>
                  {versionError}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <ComponentPicker
        searchId={addSearchId}
        host={host}
        suggested={notYetAdded ?? COMPONENT_TYPES[0] ?? 'secretstores.azure.keyvault'}
        disabled={components.length >= MAX_COMPONENTS}
        // A share link carries at most MAX_COMPONENTS components, so the page offers no more.
        {...(components.length >= MAX_COMPONENTS ? { disabledReasonId: `${id}-limit` } : {})}
        onAdd={(type) => {
          const taken = components.map((component) => component.name);
          append(defaultComponentOn(host, type, uniqueComponentName(componentSpec(type).defaultName, taken)));
        }}
      />
      {components.length >= MAX_COMPONENTS && (
        <p className="note" id={`${id}-limit`}>
          {MAX_COMPONENTS} components is the most one configuration (and its share link) holds.
        </p>
      )}
      <details className="unsupported">
        <summary>Azure components that cannot use a managed identity</summary>
        <ul>
          {UNSUPPORTED_COMPONENTS.map((component) => (
            <li key={component.type}>
              <strong>{component.title}</strong> <code>{component.type}</code>: {component.reason}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
