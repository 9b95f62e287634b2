import { useId, useState } from 'react';
import { COMPONENT_TYPES, componentSpec, type ComponentType } from '../catalog/components';
import type { HostId } from '../catalog/hosts';
import { componentWarnings, defaultVersionOn } from '../model/host-dapr';

/** The building block a type belongs to: the first part of the Dapr type. */
const KIND_TITLES: Record<string, string> = {
  secretstores: 'Secret stores',
  state: 'State stores',
  pubsub: 'Pub/sub brokers',
  bindings: 'Bindings',
  configuration: 'Configuration stores',
  lock: 'Distributed locks',
  crypto: 'Cryptography',
};

function kindOf(type: string): string {
  return type.split('.')[0] ?? type;
}

/** Whether every word of the search is in the component's title, type, summary or building block. */
function matches(type: ComponentType, search: string): boolean {
  const spec = componentSpec(type);
  const text = `${spec.title} ${type} ${spec.summary} ${KIND_TITLES[kindOf(type)] ?? ''}`.toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

interface ComponentPickerProps {
  /** The search box's id: focus returns to it when the list above loses its last Remove button. */
  readonly searchId: string;
  readonly host: HostId;
  /** The one offered until the user picks another: the first not yet in the configuration. */
  readonly suggested: ComponentType;
  readonly disabled: boolean;
  readonly disabledReasonId?: string;
  readonly onAdd: (type: ComponentType) => void;
}

/**
 * "Add a component": a search box over a filtered radio list, grouped by building block, each option with
 * its one-line summary. Radios keep the native keyboard model (one Tab stop, arrows move the choice) and
 * read as "n of m" to screen readers; the count of matches is announced as the search narrows.
 */
export function ComponentPicker({
  searchId,
  host,
  suggested,
  disabled,
  disabledReasonId,
  onAdd,
}: ComponentPickerProps) {
  const id = useId();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<ComponentType | undefined>(undefined);
  const shown = COMPONENT_TYPES.filter((type) => matches(type, search));
  // The choice stays among what is shown: the picked one, else the suggested one, else the first match.
  const chosen = [picked, suggested].find((type) => type !== undefined && shown.includes(type)) ?? shown[0];
  const kinds = [...new Set(shown.map(kindOf))];
  return (
    <div className="add-component">
      <label htmlFor={searchId}>Add a component</label>
      <input
        id={searchId}
        type="search"
        className="component-search"
        placeholder="Search: blob, queue, redis, secrets…"
        autoComplete="off"
        spellCheck={false}
        value={search}
        aria-describedby={`${id}-count`}
        onChange={(event) => setSearch(event.target.value)}
      />
      <p className="note" id={`${id}-count`} role="status">
        {shown.length === 0
          ? 'No component matches: try fewer words.'
          : `${shown.length} of ${COMPONENT_TYPES.length} components`}
      </p>
      <div className="component-options">
        {kinds.map((kind) => (
          <fieldset key={kind} className="component-kind">
            <legend>{KIND_TITLES[kind] ?? kind}</legend>
            {shown
              .filter((type) => kindOf(type) === kind)
              .map((type) => {
                const spec = componentSpec(type);
                const unsupported =
                  componentWarnings(host, { type, version: defaultVersionOn(host, type) }).length > 0;
                const optionId = `${id}-${type.replace(/\./g, '-')}`;
                return (
                  <div key={type} className="choice">
                    <input
                      type="radio"
                      id={optionId}
                      name={`${id}-component`}
                      value={type}
                      checked={type === chosen}
                      aria-describedby={`${optionId}-summary`}
                      onChange={() => setPicked(type)}
                    />
                    <label htmlFor={optionId}>
                      <span className="choice-title">{spec.title}</span> <code>{type}</code>
                      <span className="choice-description" id={`${optionId}-summary`}>
                        {spec.summary}
                        {unsupported ? ' Not supported on this host: see the warning once added.' : ''}
                      </span>
                    </label>
                  </div>
                );
              })}
          </fieldset>
        ))}
      </div>
      <button
        type="button"
        className="button"
        disabled={disabled || chosen === undefined}
        aria-describedby={disabledReasonId}
        onClick={() => {
          if (chosen === undefined) return;
          onAdd(chosen);
          setPicked(undefined);
        }}
      >
        Add
      </button>
    </div>
  );
}
