/**
 * What the chosen host or cloud does not support, or is not known to support, for a component: said in the
 * setup script before any change, so that someone who pastes it reads it where it matters.
 */
import { componentSpec } from '../../catalog/components';
import type { WizardConfig } from '../../model/config';
import { componentWarnings } from '../../model/host-dapr';

export interface PlannedCaveat {
  /** The component's metadata.name. */
  readonly component: string;
  readonly reasons: readonly string[];
}

/**
 * Dapr's Redis components ask Entra ID for a token with the scope https://redis.azure.com/.default whatever
 * the cloud (components-contrib common/component/redis/redis.go, Scopes). Whether Azure Government's Azure
 * Cache for Redis accepts tokens for that public-cloud audience is not confirmed in any source read.
 */
const REDIS_GOVERNMENT_AUDIENCE =
  'Dapr asks Entra ID for a token for the public-cloud Redis audience https://redis.azure.com/.default in every cloud; whether Azure Cache for Redis in Azure Government accepts it is not confirmed. If the component fails to load with an authentication error, that audience is the likely cause.';

export function planCaveats(config: WizardConfig): PlannedCaveat[] {
  return config.components.flatMap((component) => {
    const spec = componentSpec(component.type, component.version);
    const reasons = [
      // Container Apps: alpha and beta components, and the lock API (catalog dapr-versions.ts).
      ...componentWarnings(config.host, component),
      ...(config.cloud === 'usgovernment' && spec.type.endsWith('.redis') ? [REDIS_GOVERNMENT_AUDIENCE] : []),
    ];
    return reasons.length === 0 ? [] : [{ component: component.name, reasons }];
  });
}
