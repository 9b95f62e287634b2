/** Dapr runtime facts the generated files depend on. */

/**
 * The daprd image for sidecar containers (ACI). 1.18.3 carries the fix for managed identity being skipped
 * when azureTenantId was set (dapr/dapr docs/release_notes/v1.18.3.md). Release images are published as
 * ghcr.io/dapr/daprd:<version> and daprio/daprd:<version> (dapr/docs operations/support/support-release-policy.md);
 * GitHub's registry avoids Docker Hub's pull limits for ACI.
 */
export const DAPRD_IMAGE = 'ghcr.io/dapr/daprd:1.18.3';

/**
 * The daprd binary sits at /daprd in an image built FROM scratch, with no shell: the container command must
 * be exec form (dapr/dapr docker/Dockerfile). Without --resources-path daprd loads no components
 * (dapr/dapr cmd/daprd/options/options.go).
 */
export const DAPRD_BINARY = '/daprd';

/** Where the sidecar container reads component files from. */
export const SIDECAR_RESOURCES_PATH = '/components';
