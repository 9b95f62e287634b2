/**
 * The Azure CLI release the setup script's header asks for: the host's own minimum, raised when a grant runs
 * a command group that came later. A header naming an older release than a command needs sends users into
 * the middle of the script with a CLI that fails there.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';

/**
 * Said after a host's Azure CLI requirement. `az upgrade` on an Azure CLI from Debian's own azure-cli package
 * (its /usr/bin/az sets AZ_INSTALLER=DEB) runs `apt-get install --only-upgrade azure-cli`
 * (azure-cli src/azure-cli/azure/cli/command_modules/util/custom.py upgrade_version), which goes no further
 * than the distribution's version (2.45 on this project's Debian machine), so the install page goes with it.
 */
export const CLI_UPGRADE_ADVICE =
  "Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli";

/** A host's Azure CLI minimum (`Needs Azure CLI 2.53 or later (why).`), with how to get there. */
export function needsAzureCli(version: string, why: string): string {
  return `Needs Azure CLI ${version} or later (${why}). ${CLI_UPGRADE_ADVICE}.`;
}

/** A later release a grant needs, and the command that makes it so. */
export interface CliNeed {
  readonly version: string;
  readonly command: string;
}

/**
 * az redis access-policy and access-policy-assignment first ship in Azure CLI 2.57.0 (Azure/azure-cli
 * src/azure-cli/HISTORY.rst, "2.57.0", Redis: "`az redis access-policy/access-policy-assignment`: New command
 * groups to manage access policy (#27599)"; 2.56.0 and earlier list no such group).
 */
const REDIS_ACCESS_POLICY: CliNeed = { version: '2.57', command: '`az redis access-policy-assignment`' };

/** The latest release the plan's grants need, if any needs one past what every host already asks for. */
export function grantCliNeed(plan: DeploymentPlan): CliNeed | undefined {
  let need: CliNeed | undefined;
  for (const { grant } of plan.grants) {
    const kind = grant.kind;
    switch (kind) {
      case 'redis-access-policy':
        need = laterNeed(need, REDIS_ACCESS_POLICY);
        break;
      // Their commands are older than any host's minimum (az role assignment, az keyvault set-policy,
      // az cosmosdb sql role assignment) or are not az at all (psql, go-sqlcmd).
      case 'rbac':
      case 'keyvault-policy':
      case 'cosmos-sql-role':
      case 'postgres-role':
      case 'sql-contained-user':
        break;
      default: {
        const unhandled: never = kind;
        throw new Error(`Unhandled grant kind ${String(unhandled)}`);
      }
    }
  }
  return need;
}

function laterNeed(current: CliNeed | undefined, candidate: CliNeed): CliNeed {
  return current === undefined || compareVersions(candidate.version, current.version) > 0
    ? candidate
    : current;
}

/** Compares dotted releases numerically: 2.9 < 2.57 < 2.70. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A host's requirement text opens with its minimum: "Needs Azure CLI 2.53 or later (...)." */
const HOST_MINIMUM = /^Needs Azure CLI (\d+(?:\.\d+)*) or later[^.]*\.\s*/;

/**
 * The header's requirement: the host's text when its minimum already covers the grants' need; otherwise the
 * need's release first, followed by whatever else the host's text asks for (AKS: kubelogin) without its own,
 * lower, minimum.
 */
export function cliRequirement(hostText: string | undefined, need: CliNeed | undefined): string | undefined {
  if (need === undefined) return hostText;
  const hostMinimum = HOST_MINIMUM.exec(hostText ?? '');
  if (hostMinimum?.[1] !== undefined && compareVersions(hostMinimum[1], need.version) >= 0) return hostText;
  const raised = needsAzureCli(need.version, `the first with ${need.command}`);
  // The host's own text goes on after its minimum and the upgrade advice, which the raised one carries.
  const rest = (hostText ?? '').replace(HOST_MINIMUM, '').replace(`${CLI_UPGRADE_ADVICE}.`, '').trim();
  return rest === '' ? raised : `${raised} ${rest}`;
}
