/** Checks a configuration against the naming rules; the messages are shown beside the fields. */
import { HOST_NAME_SERVICES, wrongCloudReason } from '../catalog/clouds';
import { NAMING_RULES, type NamingRule } from '../catalog/naming-rules';
import { effectiveIdentity, environmentVariables, type WizardConfig } from './config';
import { detailFields, fieldValue, type FieldPath, type FieldView } from './fields';
import { unreadFieldReasons, versionUnavailableReason } from './host-dapr';
import { appPortMessage, undeliverableComponents } from './validate-app-port';

export type FieldErrors = Partial<Record<FieldPath, string>>;

/** The message for one field's value, or undefined when it is fine. */
export function validateField(field: FieldView, value: string): string | undefined {
  if (value === '') return field.required ? `${field.label} is required.` : undefined;
  // A one-line input cannot show a line break: it drops it from view, so the field would show another value
  // than the one the form holds (a share link can carry one). Say so, and show the value with the break.
  if (/[\r\n]/.test(value))
    return `This value holds a line break, which the field cannot show: “${value.replace(/\r\n|\r|\n/g, '⏎')}”. Type it again on one line.`;
  if (value.trim() !== value) return 'Remove the spaces at the start or end.';
  const rule = NAMING_RULES[field.rule];
  if (rule.pattern.test(value)) return undefined;
  const wrong = whatIsWrong(rule, value);
  return wrong === undefined ? rule.message : `${wrong} ${rule.message}`;
}

/**
 * What is wrong with this value in particular, said before the rule: its length against the limit, or the
 * first character the rule never allows. Undefined when the fault is elsewhere (a character in the wrong
 * place, a missing suffix): the rule then says it.
 */
export function whatIsWrong(rule: NamingRule, value: string): string | undefined {
  const characters = [...value];
  if (rule.length) {
    const [min, max] = rule.length;
    if (characters.length > max)
      return `${characters.length} characters, ${characters.length - max} over the limit of ${max}.`;
    if (characters.length < min)
      return `${characters.length} ${characters.length === 1 ? 'character' : 'characters'}, fewer than the ${min} needed.`;
  }
  const allowed = rule.character;
  if (allowed) {
    const refused = characters.find((character) => !allowed.test(character));
    if (refused !== undefined) {
      const shown = refused === ' ' ? 'A space' : `“${refused}”`;
      const lowercase = refused !== refused.toLowerCase() && allowed.test(refused.toLowerCase());
      return `${shown} is not allowed${lowercase ? ' (use lowercase)' : ''}.`;
    }
  }
  return undefined;
}

/** Every applicable field's error; an empty object means the output can be generated. */
export function validateConfig(config: WizardConfig): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of detailFields(config)) {
    const value = fieldValue(config, field.path);
    const message = validateField(field, value);
    if (message) errors[field.path] = message;
    // A host name of another cloud than the chosen one: Dapr would ask that cloud's sign-in for a token.
    const service = HOST_NAME_SERVICES[field.rule];
    if (!message && service !== undefined) {
      const reason = wrongCloudReason(service, value, config.cloud);
      if (reason) errors[field.path] = reason;
    }
  }
  // ACI takes each environment variable once; a name given twice is surely a slip.
  if (config.host === 'aci' && errors.envVars === undefined) {
    const names = environmentVariables(config).map((variable) => variable.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) errors.envVars = `${repeated} is set twice: keep one.`;
  }
  // A subscribing pub/sub or an input binding receives nothing without the app port.
  const appPortNeeded = appPortMessage(undeliverableComponents(config));
  if (appPortNeeded !== undefined) errors.appPort ??= appPortNeeded;
  // Each component becomes <name>.yaml and a Dapr resource of that name: names must differ (every component
  // holding a shared name is flagged, so the one just edited says so too), and must not be the name of another
  // file the script writes into the same folder.
  const otherFiles = scriptFileNames(config);
  config.components.forEach((component, index) => {
    const path = `components.${index}.name` as const;
    const others = config.components.filter(
      (other, position) => position !== index && other.name === component.name,
    ).length;
    if (errors[path]) {
      // The naming rule's message stands.
    } else if (others > 0)
      errors[path] =
        `${others === 1 ? 'Another component is' : `${others} other components are`} also named “${component.name}”: each component needs its own name.`;
    else if (otherFiles.includes(component.name))
      errors[path] =
        `The script writes its own ${component.name}.yaml beside the component files: choose another name.`;
    // A version the host's Dapr does not register fails to load there; a field it does not read is lost.
    const versionReason = versionUnavailableReason(config.host, component);
    if (versionReason) errors[`components.${index}.version`] = versionReason;
    for (const [key, reason] of Object.entries(unreadFieldReasons(config.host, component))) {
      const fieldPath = `components.${index}.metadata.${key}` as const;
      errors[fieldPath] ??= reason;
    }
  });
  return errors;
}

/**
 * The files (without .yaml) the Azure CLI script writes beside the component files: on AKS the Deployment
 * patch and, for Workload ID, the ServiceAccount (generate/k8s-manifests.ts); on ACI the container group
 * (generate/aci-group.ts). The shell-safety test reads the generator's own list and checks this one.
 */
function scriptFileNames(config: WizardConfig): string[] {
  if (config.host === 'aks')
    return effectiveIdentity(config) === 'workload'
      ? ['deployment-patch', 'serviceaccount']
      : ['deployment-patch'];
  return config.host === 'aci' ? ['container-group'] : [];
}
