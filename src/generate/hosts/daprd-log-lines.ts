/**
 * The lines daprd logs for each component it processes, as fixed-string prefixes to grep for: "Component
 * loaded: <name> (<type>/<version>)" when it loaded, "Failed to init component <name> (<type>/<version>):
 * <error>" when it did not (dapr/dapr pkg/runtime/processor/components.go, v1.16.0 to v1.18.3; the name and
 * type as utils.ComponentLogName writes them). The prefix ends with " (" so that a component whose name
 * starts with another's (statestore, statestore2) matches only its own line. For hosts whose log the script
 * cannot read itself (App Service), the printed commands use these; aks-verify.ts and aci.ts spell the same
 * prefix inline and can move here.
 */

/** The start of daprd's line for a component that loaded. */
export function componentLoadedPrefix(name: string): string {
  return `Component loaded: ${name} (`;
}

/** The start of daprd's line for a component whose Init failed; the rest of the line is the cause. */
export function componentFailedPrefix(name: string): string {
  return `Failed to init component ${name} (`;
}

/** `grep -F` arguments that keep both of a component's lines, quoted for a line the user pastes. */
export function componentLogGrep(names: readonly string[]): string {
  const patterns = names.flatMap((name) => [componentLoadedPrefix(name), componentFailedPrefix(name)]);
  return `grep -F ${patterns.map((pattern) => `-e '${pattern}'`).join(' ')}`;
}
