/**
 * "Download all": every generated file in one .zip, built in the page with fflate, which is imported only on
 * click so the first view never loads it (fflate's zipSync and strToU8; github.com/101arrowz/fflate README).
 */

export interface ZipEntry {
  /** The file's path inside the archive: components/statestore.yaml, infra/main.bicep. */
  readonly path: string;
  readonly text: string;
}

export const ZIP_FILE_NAME = 'dapr-identity.zip';

/** Builds the archive and saves it through a temporary object URL. */
export async function downloadZip(entries: readonly ZipEntry[]): Promise<void> {
  const { strToU8, zipSync } = await import('fflate');
  const files = Object.fromEntries(entries.map((entry) => [entry.path, strToU8(entry.text)]));
  const archive = zipSync(files, { level: 6 });
  const url = URL.createObjectURL(new Blob([archive], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = ZIP_FILE_NAME;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
