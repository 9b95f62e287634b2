/**
 * The Dapr Components the AKS setup applies, by name, in the app's namespace. `kubectl apply` of a file
 * whose Component exists patches it (a JSON merge patch for a custom resource, which has no strategic merge
 * schema: kubernetes/kubectl pkg/cmd/apply/patcher.go), so a user's own Component of that name would be
 * rewritten without a word, and a teardown deleting by name would delete it. So the setup marks a Component
 * it created (as it marks its ServiceAccount), first reads what is there and stops unless it is one it
 * created and still what it writes (same spec.type, scopes exactly the app id), and the teardown deletes
 * only a marked Component that still is what the setup wrote.
 */
import { CREATED_ANNOTATION } from '../k8s-manifests';
import type { DeploymentPlan, PlannedComponent } from '../plan/deployment-plan';
import {
  cmd,
  command,
  join,
  printLine,
  v,
  when,
  type Command,
  type Conditional,
  type ScriptStep,
  type Word,
} from '../script-model';
import { guard } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';

const FOUND = 'COMPONENT_FOUND';
const FOUND_MARK = 'COMPONENT_MARK';
const FOUND_TYPE = 'COMPONENT_TYPE';
const EXISTED = 'COMPONENT_EXISTED';
const DAPR_CRD = 'DAPR_CRD';

/** The Component's type and its scopes, as the lookup prints them: `{.scopes[*]}` joins them with spaces. */
const SIGNATURE_PATH = '{.spec.type}/{.scopes[*]}';
/** The Component's type alone (empty for one without spec.type). */
const TYPE_PATH = '{.spec.type}';
/** The setup's mark alone: `true` on a Component it created, empty on any other. */
const MARK_PATH = `{.metadata.annotations.${CREATED_ANNOTATION}}`;
/** The signature, then the mark. */
const MARKED_SIGNATURE_PATH = `${SIGNATURE_PATH}/${MARK_PATH}`;

/** The spec.type of the Component the setup writes. */
function componentType(component: PlannedComponent): string {
  return String((component.document as { spec?: { type?: unknown } }).spec?.type);
}

/** What the lookup prints for the Component the setup writes. */
function signature(component: PlannedComponent): string {
  const { scopes } = component.document as { scopes?: unknown };
  return `${componentType(component)}/${Array.isArray(scopes) ? scopes.join(' ') : ''}`;
}

/**
 * kubectl get with --ignore-not-found prints nothing and exits 0 for a Component that is not there
 * (kubectl get --help), so the variable is empty only then; -o jsonpath prints a missing field as nothing.
 */
function lookup(component: PlannedComponent, variable: string, output: string): Command {
  const words: Word[] = [
    'kubectl',
    'get',
    'components.dapr.io',
    component.name,
    '--namespace',
    v('NAMESPACE'),
    '--ignore-not-found',
    '-o',
    output,
  ];
  return command(words, { captureTo: variable });
}

/**
 * Before any change: a Component of one of the setup's names that carries no mark of the setup was not
 * created by it (someone else's, or written by a setup from before the mark, or by a run stopped between its
 * apply and its mark), whatever its type and scopes: applying the file would rewrite it, and the teardown
 * would keep it, so the script stops and names its type. One that carries the mark but another type or
 * scopes was written by an earlier run with other values (another app id, or another component under that
 * name), or changed since; the stop says so, and that its teardown takes it back. What the setup wrote on
 * an earlier run passes. Runs after the Dapr check (the resource type exists) and the Deployment check (the
 * namespace exists).
 */
export function aksComponentsCheckStep(plan: DeploymentPlan): ScriptStep {
  const namespace = plan.kubernetes?.namespace ?? '';
  const show = (component: PlannedComponent) =>
    `kubectl get components.dapr.io ${component.name} --namespace ${namespace} -o yaml shows it`;
  return {
    comment: `Check the namespace's Dapr components of the same names before any change: one the setup did not create, or one an earlier run wrote with another type or scopes other than ${plan.appId} alone, stops the script.`,
    lines: plan.components.flatMap((component) => [
      lookup(component, FOUND, `jsonpath=${SIGNATURE_PATH}`),
      when(FOUND, '!=', '', [
        lookup(component, FOUND_MARK, `jsonpath=${MARK_PATH}`),
        lookup(component, FOUND_TYPE, `jsonpath=${TYPE_PATH}`),
        when(FOUND_MARK, '=', 'true', [
          guard(
            FOUND,
            '!=',
            signature(component),
            failureMessage(
              `The namespace ${namespace} already has a Dapr component named ${component.name} that an earlier run of the setup wrote with other values (it carries the setup's ${CREATED_ANNOTATION} mark, but another type, or scopes other than ${plan.appId} alone: another app id or another component under that name, or it was changed since; ${show(component)}). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard's Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io ${component.name} --namespace ${namespace}; or choose another name for the component in the wizard. Then run this script again. Nothing was changed.`,
              'aks-component-other-values',
            ),
          ),
        ]),
        guard(
          FOUND_MARK,
          '!=',
          'true',
          failureMessage(
            `That component carries no ${CREATED_ANNOTATION} mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; ${show(component)}). Applying the setup's file of type ${componentType(component)} over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io ${component.name} --namespace ${namespace}). Then run this script again.`,
            'aks-component-not-created-by-setup',
          ),
          {
            detail: join(
              `The namespace ${namespace} already has a Dapr component named ${component.name}, of type `,
              v(FOUND_TYPE),
              '.',
            ),
          },
        ),
      ]),
    ]),
  };
}

/** Applies each Component, and marks one that was not there before (a later apply keeps the mark). */
export function aksComponentApplyLines(plan: DeploymentPlan): Conditional['lines'] {
  return plan.components.flatMap((component) => [
    lookup(component, EXISTED, 'name'),
    cmd('kubectl apply -f', component.path),
    when(EXISTED, '=', '', [
      cmd(
        'kubectl annotate components.dapr.io',
        component.name,
        '--namespace',
        v('NAMESPACE'),
        `${CREATED_ANNOTATION}=true --overwrite`,
      ),
    ]),
  ]);
}

/**
 * Deletes each Component the setup created and that is still what it wrote; another is kept, and the script
 * says so. A cluster whose Dapr was uninstalled has no components.dapr.io resource type: kubectl fails on
 * it (unknown resource type, which --ignore-not-found does not cover), and deleting the CRD deleted its
 * Components, so the deletes are skipped.
 */
export function aksComponentsTeardownStep(plan: DeploymentPlan): ScriptStep {
  const noun = plan.components.length === 1 ? 'the component' : 'the components';
  return {
    comment: `Delete ${noun} the setup applied, if the setup created ${plan.components.length === 1 ? 'it' : 'them'} and ${plan.components.length === 1 ? 'it is' : 'they are'} still as it wrote (type, scopes ${plan.appId}), before the Deployment's pods restart below.`,
    lines: [
      command(['kubectl', 'get', 'crd', 'components.dapr.io', '--ignore-not-found', '-o', 'name'], {
        captureTo: DAPR_CRD,
      }),
      when(DAPR_CRD, '=', '', [
        printLine(
          'Dapr is not installed on the cluster any more (it has no components.dapr.io resource type): its components went with it, nothing to delete.',
        ),
      ]),
      when(
        DAPR_CRD,
        '!=',
        '',
        plan.components.flatMap((component): Conditional['lines'] => [
          lookup(component, FOUND, `jsonpath=${MARKED_SIGNATURE_PATH}`),
          when(FOUND, '=', `${signature(component)}/true`, [
            cmd(
              'kubectl delete components.dapr.io',
              component.name,
              '--namespace',
              v('NAMESPACE'),
              '--ignore-not-found',
            ),
          ]),
          when(FOUND, '!=', '', [
            when(FOUND, '!=', `${signature(component)}/true`, [
              printLine(
                `Kept: the component ${component.name} in the namespace `,
                v('NAMESPACE'),
                ` carries no ${CREATED_ANNOTATION} mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than ${plan.appId} alone). If nothing loads it: kubectl delete components.dapr.io ${component.name} --namespace `,
                v('NAMESPACE'),
              ),
            ]),
          ]),
        ]),
      ),
    ],
  };
}
