/** Dapr runtime facts the generated files depend on. */

/** A Dapr release: `1.17` (a minor line, every patch of it) or `1.16.4` (one patch release). */
export type DaprVersion = `${number}.${number}` | `${number}.${number}.${number}`;

/**
 * The daprd image for sidecar containers (ACI). 1.18.3 carries the fix for managed identity being skipped
 * when azureTenantId was set (dapr/dapr docs/release_notes/v1.18.3.md). Release images are published as
 * ghcr.io/dapr/daprd:<version> and daprio/daprd:<version> (dapr/docs operations/support/support-release-policy.md);
 * GitHub's registry avoids Docker Hub's pull limits for ACI.
 */
export const DAPRD_IMAGE = 'ghcr.io/dapr/daprd:1.18.3';

/** The Dapr release the ACI sidecar runs: the tag of DAPRD_IMAGE, so the two cannot drift apart. */
export const ACI_DAPR_VERSION: DaprVersion = imageTagVersion(DAPRD_IMAGE);

/**
 * Container Apps runs a managed Dapr the user cannot pick or pin (microsoft/azure-container-apps#32, still
 * open: the platform upgrades Dapr on the user's behalf). The platform moved every environment to Dapr 1.16.4 in a
 * staged upgrade from the end of March to the end of April 2026 (microsoft/azure-container-apps#1676). Its
 * builds carry a `-msft.<n>` suffix on the OSS version they match (microsoft/azure-container-apps#1478).
 */
export const CONTAINER_APPS_DAPR_VERSION: DaprVersion = '1.16.4';
export const CONTAINER_APPS_DAPR_SOURCE = 'microsoft/azure-container-apps#1676';

/**
 * The daprd binary sits at /daprd in an image built FROM scratch, with no shell: the container command must
 * be exec form (dapr/dapr docker/Dockerfile). Without --resources-path daprd loads no components
 * (dapr/dapr cmd/daprd/options/options.go).
 */
export const DAPRD_BINARY = '/daprd';

/** Where the sidecar container reads component files from. */
export const SIDECAR_RESOURCES_PATH = '/components';

function imageTagVersion(image: string): DaprVersion {
  const tag = image.slice(image.lastIndexOf(':') + 1);
  if (!/^\d+\.\d+\.\d+$/.test(tag)) throw new Error(`The daprd image ${image} has no release tag`);
  return tag as DaprVersion;
}
