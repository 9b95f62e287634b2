/**
 * What daprd's "Component loaded" line proves, printed after the wait for it: the sign-in, when the
 * component's Init calls Azure (the plan's loadProvesSignIn); otherwise only that the file loaded, since Init
 * built a client and made no call (e.g. components-contrib secretstores/azure/keyvault/keyvault.go Init;
 * pubsub/azure/servicebus/topics/servicebus.go Init, NewClient only), and the first use is the proof.
 */
import type { PlannedComponent } from '../plan/deployment-plan';
import { printLine, type Command } from '../script-model';

export function signInProofLine(component: PlannedComponent, logCommand: string): Command {
  const text = component.loadProvesSignIn
    ? `${component.name}: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).`
    : `${component.name}: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). ` +
      `After the app's first call that uses it, read daprd's log (${logCommand}): a 403, AuthorizationFailed or ` +
      'ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.';
  return printLine(text);
}
