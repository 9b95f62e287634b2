/**
 * Values only known when the script runs (looked up from Azure). The output shows these markers, and the
 * script replaces each one with the looked-up value as it writes the file.
 */
export const CLIENT_ID_MARKER = '<client id, looked up by the script>';
export const IDENTITY_ID_MARKER = '<identity resource id, looked up by the script>';
/** One marker per component file: <component file 1, base64-encoded by the script>. */
export function componentBase64Marker(position: number): string {
  return `<component file ${position}, base64-encoded by the script>`;
}
