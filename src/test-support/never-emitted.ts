/**
 * Metadata fields no output may carry under managed identity: a tenant id sends Dapr's Azure auth down another
 * path (on Dapr 1.16-1.18 the SPIFFE one, and managed identity is never tried), and the others are secrets or
 * certificates (../shared/domain/README.md rule 2; components-contrib common/authentication/azure/
 * metadata-properties.go names each field with its spn* alias; the storage, Cosmos DB and Redis keys are
 * the sensitive fields of their metadata.yaml).
 */
export const NEVER_EMITTED: readonly string[] = [
  'azureTenantId',
  'spnTenantId',
  'tenantId',
  'azureClientSecret',
  'spnClientSecret',
  'clientSecret',
  'azureCertificate',
  'spnCertificate',
  'azureCertificateFile',
  'spnCertificateFile',
  'azureCertificatePassword',
  'spnCertificatePassword',
  'accountKey',
  'masterKey',
  'redisPassword',
];
