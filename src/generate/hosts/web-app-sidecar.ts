/**
 * What the Web App setup writes and its teardown must recognise: the daprd sidecar's name, image and start-up
 * command, and the folder on the app's /home share that holds the component files.
 */
import { DAPRD_BINARY } from '../../catalog/dapr';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { v } from '../script-model';
import { RG } from '../setup/steps';

/** `--name "$WEBAPP_NAME" --resource-group "$RESOURCE_GROUP"`. */
export const APP = ['--name', v('WEBAPP_NAME'), ...RG] as const;

/**
 * Where daprd reads the components: under /home (shared by every container of the app), in the one folder
 * outside /home/site/wwwroot that OneDeploy writes a single file to. Kudu on Linux takes an absolute
 * --target-path for --type static only under /home/site/wwwroot/ (answering 400 otherwise) and for --type lib
 * only under /home/site/libs/ (Azure-App-Service/KuduLite Kudu.Services/Deployment/PushDeploymentController.cs,
 * cases ArtifactType.Static and ArtifactType.Lib, and OneDeployHelper.cs EnsureValidPath). Not wwwroot: App
 * Service serves it over HTTP, and a zip deploy of the app cleans it (ArtifactType.Zip, clean defaults to true).
 */
export const WEBAPP_RESOURCES_PATH = '/home/site/libs/dapr/components';

/** The sidecar's container name, as `az webapp sitecontainers log --container-name` takes it. */
export const SIDECAR_NAME = 'daprd';

/** daprd's default HTTP API port (dapr/dapr cmd/daprd/options/options.go, --dapr-http-port). */
export const DAPR_HTTP_PORT = '3500';

/**
 * The sidecar's start-up command. The daprd image has no entrypoint (dapr/dapr docker/Dockerfile: the binary
 * at /daprd in an image with no shell), so the command starts with the binary itself.
 */
export function daprdStartupCommand(plan: DeploymentPlan): string {
  return [
    DAPRD_BINARY,
    '--app-id',
    plan.appId,
    '--resources-path',
    WEBAPP_RESOURCES_PATH,
    '--dapr-http-port',
    DAPR_HTTP_PORT,
    ...(plan.appPort === '' ? [] : ['--app-port', plan.appPort]),
  ].join(' ');
}
