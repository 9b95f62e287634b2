/**
 * The lines daprd logs about its components, which the setup scripts look for in its log (AKS, Container
 * Instances, Container Apps). Read in dapr/dapr v1.16.4 (Container Apps' Dapr, catalog/dapr.ts) and the same
 * through v1.18.3: pkg/runtime/processor/components.go processComponentAndDependents logs
 * `log.Info("Component loaded: " + comp.LogName())` after a component's Init succeeded, and
 * `log.Errorf("Failed to init component %s: %s", comp.LogName(), err)` when it failed; LogName is
 * utils.ComponentLogName, "<name> (<type>/<version>)" (utils/utils.go). Without spec.ignoreErrors,
 * processComponents then logs "Error processing component, daprd will exit gracefully: ..." and daprd stops;
 * once every component is processed pkg/runtime/runtime.go logs "dapr initialized. Status: Running. Init
 * Elapsed <n>ms". The prefixes end with " (" so that a component whose name starts with another's
 * (statestore, statestore2) matches only its own line. For hosts whose log the script cannot read itself
 * (App Service), the printed commands grep for them (componentLogGrep).
 */

/** The start of daprd's line for a loaded component; the text after it is "<type>/<version>)". */
export function componentLoadedText(name: string): string {
  return `Component loaded: ${name} (`;
}

/** The start of every line daprd logs for a component whose Init failed. */
export const COMPONENT_INIT_FAILED_PREFIX = 'Failed to init component ';

/** The start of daprd's line for a component whose Init failed; the error follows "<type>/<version>): ". */
export function componentInitFailedText(name: string): string {
  return `${COMPONENT_INIT_FAILED_PREFIX}${name} (`;
}

/** daprd logs this once it has processed every component and runs. */
export const DAPRD_RUNNING_TEXT = 'dapr initialized. Status: Running.';

/** `grep -F` arguments that keep both of a component's lines, quoted for a line the user pastes. */
export function componentLogGrep(names: readonly string[]): string {
  const patterns = names.flatMap((name) => [componentLoadedText(name), componentInitFailedText(name)]);
  return `grep -F ${patterns.map((pattern) => `-e '${pattern}'`).join(' ')}`;
}
