/**
 * A component that delivers to the app (a pub/sub that subscribes, an input binding) needs the app port:
 * without it daprd opens no app channel and never calls the app ("app channel not initialized, make sure
 * -app-port is specified if pubsub subscription is required", dapr/dapr pkg/runtime/processor/subscriber/subscriber.go
 * initProgrammaticSubscriptions; input bindings read nothing either, "failed to read from bindings: app channel
 * not initialized", pkg/runtime/processor/binding/send.go). Only the choices that say the app receives are judged: a
 * component without such a choice may well be used only to send.
 */
import { componentSpec } from '../catalog/components';
import type { WizardConfig } from './config';
import { detailFields } from './fields';

/** The trade-off answers with which Dapr delivers messages or events to the app (catalog messaging.ts). */
const DELIVERING_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  sbAccess: ['subscribe', 'both'],
  ehAccess: ['subscribe', 'both'],
  ehDirection: ['input', 'both'],
};

/** A component whose choice makes Dapr deliver to the app while the app port is empty. */
export interface UndeliverableComponent {
  readonly index: number;
  readonly name: string;
  /** The choice that makes it deliver, and the option that does not. */
  readonly choiceKey: string;
  readonly sendOnlyTitle: string;
}

/**
 * The components that would receive nothing, on hosts where the wizard asks for the app port (every host
 * whose Dapr the script starts or configures with one: Web App, ACA, AKS, and VM and VMSS through the dapr run
 * line it prints; ACI asks for it for other reasons; a function app's Dapr settings are its own).
 */
export function undeliverableComponents(config: WizardConfig): UndeliverableComponent[] {
  if (config.appPort !== '') return [];
  if (!detailFields(config).some((field) => field.path === 'appPort')) return [];
  return config.components.flatMap((component, index) => {
    const spec = componentSpec(component.type, component.version);
    return (spec.choices ?? []).flatMap((choice) => {
      const delivering = DELIVERING_OPTIONS[choice.key];
      const chosen = component.choices[choice.key] ?? choice.options[0]?.id ?? '';
      if (delivering === undefined || !delivering.includes(chosen)) return [];
      const sendOnly = choice.options.find((option) => !delivering.includes(option.id));
      return [
        {
          index,
          name: component.name,
          choiceKey: choice.key,
          sendOnlyTitle: sendOnly?.title ?? '',
        },
      ];
    });
  });
}

/** The message beside the App port field, naming every component that needs it. */
export function appPortMessage(components: readonly UndeliverableComponent[]): string | undefined {
  if (components.length === 0) return undefined;
  const names = components.map((component) => component.name).join(', ');
  return `${names} ${components.length === 1 ? 'delivers' : 'deliver'} messages or events to the app, which Dapr does only through the app port: without it daprd never calls the app. Enter the port your app listens on.`;
}

/** The message beside each such component's choice, by component position and choice key. */
export function choiceAppPortErrors(
  config: WizardConfig,
): Readonly<Record<number, Readonly<Record<string, string>>>> {
  const errors: Record<number, Record<string, string>> = {};
  for (const component of undeliverableComponents(config)) {
    (errors[component.index] ??= {})[component.choiceKey] =
      `Dapr delivers to the app only through its app port, which is empty: enter the App port, or choose “${component.sendOnlyTitle}”.`;
  }
  return errors;
}
