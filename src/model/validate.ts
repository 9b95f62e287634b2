/** Checks a configuration against the naming rules; the messages are shown beside the fields. */
import { NAMING_RULES, type NamingRule } from '../catalog/naming-rules';
import { effectiveIdentity, type WizardConfig } from './config';
import { detailFields, fieldValue, type FieldPath, type FieldView } from './fields';

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
    const message = validateField(field, fieldValue(config, field.path));
    if (message) errors[field.path] = message;
  }
  // Each component becomes <name>.yaml and a Dapr resource of that name: names must differ (every component
  // holding a shared name is flagged, so the one just edited says so too), and must not be the name of another
  // file the script writes into the same folder.
  const otherFiles = scriptFileNames(config);
  config.components.forEach((component, index) => {
    const path = `components.${index}.name` as const;
    if (errors[path]) return;
    const others = config.components.filter(
      (other, position) => position !== index && other.name === component.name,
    ).length;
    if (others > 0)
      errors[path] =
        `${others === 1 ? 'Another component is' : `${others} other components are`} also named “${component.name}”: each component needs its own name.`;
    else if (otherFiles.includes(component.name))
      errors[path] =
        `The script writes its own ${component.name}.yaml beside the component files: choose another name.`;
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
