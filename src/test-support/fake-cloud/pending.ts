/**
 * Golden scenarios whose setup script the fake cloud cannot yet run to the end, each with the text of the
 * error where it stops. The re-run and dry-run tests assert that these stop exactly there, so when the fake
 * cloud learns the missing command the test fails and the entry must go: the list can only shrink.
 * Empty since the fake kubectl runs Deployments' pods (py/kube_pods.py): every golden setup runs to the end.
 */
export const FAKE_CLOUD_PENDING: Readonly<Record<string, string>> = {};

/** The first line a script prints when it still holds example values (setup/example-values.ts). */
export const EXAMPLE_VALUES_STOP = 'Stopped before any change';
