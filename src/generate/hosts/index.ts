/**
 * The hosts: one module each knows how its host gets an identity, where the components go and how to check
 * them. Adding a host is a catalog entry, a module and a case here.
 */
import type { HostId } from '../../catalog/hosts';
import { assertNever } from '../setup/steps';
import { containerAppsHost } from './aca';
import { containerInstancesHost } from './aci';
import { aksHost } from './aks';
import { functionAppHost } from './function-app';
import type { HostModule } from './host-module';
import { vmHost, vmssHost } from './vm';
import { webAppHost } from './web-app';

export function hostModule(id: HostId): HostModule {
  switch (id) {
    case 'aks':
      return aksHost;
    case 'aca':
      return containerAppsHost;
    case 'webapp':
      return webAppHost;
    case 'functionapp':
      return functionAppHost;
    case 'vm':
      return vmHost;
    case 'vmss':
      return vmssHost;
    case 'aci':
      return containerInstancesHost;
    default:
      return assertNever(id);
  }
}
