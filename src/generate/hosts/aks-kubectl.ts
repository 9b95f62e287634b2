/** Points kubectl at the AKS cluster, for the setup and the teardown alike. */
import { cmd, command, orStop, v, when, type ScriptLine } from '../script-model';
import { RG } from '../setup/steps';
import { withEntry } from '../troubleshoot-advice';

/**
 * `az aks get-credentials`, then, on a cluster with Microsoft Entra integration, the switch of kubelogin to
 * the Azure CLI's sign-in. Without --overwrite-existing the CLI prompts when a context of that name exists (acs
 * custom.py _handle_merge). On such a cluster the kubeconfig get-credentials writes runs kubelogin for each
 * kubectl call (the user's exec command), and kubelogin's default login is an interactive device code;
 * `kubelogin convert-kubeconfig -l azurecli` makes it reuse `az login` (Azure/kubelogin README).
 * `az aks install-cli` installs kubectl and kubelogin (acs custom.py k8s_install_cli, installed az 2.45).
 * Both change only the local kubeconfig, so a dry run runs them too.
 */
export function kubectlSignInLines(
  whatChanged = 'Nothing in Azure or the cluster was changed.',
): ScriptLine[] {
  return [
    cmd('az aks get-credentials --name', v('CLUSTER_NAME'), ...RG, '--overwrite-existing'),
    command(['kubectl', 'config', 'view', '--minify', '-o', 'jsonpath={.users[0].user.exec.command}'], {
      captureTo: 'KUBECTL_SIGN_IN',
      effect: 'read-only',
    }),
    when('KUBECTL_SIGN_IN', '=', 'kubelogin', [
      orStop(
        // --context: without it kubelogin converts every kubelogin user in the kubeconfig (Azure/kubelogin
        // pkg/internal/converter/convert.go); get-credentials names the context after the cluster.
        command(['kubelogin', 'convert-kubeconfig', '-l', 'azurecli', '--context', v('CLUSTER_NAME')], {
          effect: 'read-only',
        }),
        withEntry(
          'The cluster signs kubectl in through Microsoft Entra ID with kubelogin, and "kubelogin convert-kubeconfig -l azurecli --context <cluster>" failed: if kubelogin is not installed, install it ("az aks install-cli" installs kubectl and kubelogin; or see https://github.com/Azure/kubelogin), then run the script again. Without the conversion each kubectl call would wait for a device-code sign-in. ' +
            whatChanged,
          'aks-kubelogin-failed',
        ),
      ),
    ]),
  ];
}
