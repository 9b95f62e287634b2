import type { IacFile, IacFormat } from '../generate/iac-outputs';
import { CopyButton } from './CopyButton';
import { downloadText } from './clipboard';

interface IacFilesProps {
  readonly format: IacFormat;
  readonly files: readonly IacFile[];
  readonly resourceGroup: string;
}

/** How to try a format before it changes anything: each tool's own dry run. */
function DryRun({
  format,
  resourceGroup,
  modules,
}: {
  format: IacFormat;
  resourceGroup: string;
  modules: number;
}) {
  if (format === 'bicep') {
    return (
      <p className="iac-note">
        Dry run: <code>az deployment group what-if</code> shows what would change and changes nothing:{' '}
        <code>
          az deployment group what-if --resource-group {resourceGroup} --template-file main.bicep --parameters
          main.parameters.json
        </code>
        . Then <code>az deployment group create</code> with the same arguments, or put{' '}
        {modules === 0 ? 'both files' : 'the files (with the modules folder)'} in an azd project&apos;s{' '}
        <code>infra/</code> folder.
      </p>
    );
  }
  return (
    <p className="iac-note">
      Dry run: <code>terraform plan</code> (after <code>terraform init</code>) shows what would change and
      changes nothing; then <code>terraform apply</code>.
    </p>
  );
}

/**
 * One format's files (in Bicep, main.bicep, its parameters and any grants module), each with Copy and Download; the
 * text is exactly what Copy puts on the clipboard.
 */
export function IacFiles({ format, files, resourceGroup }: IacFilesProps) {
  return (
    <>
      <DryRun
        format={format}
        resourceGroup={resourceGroup}
        modules={files.filter((file) => file.id === 'bicep-module').length}
      />
      {files.map((file) => (
        <div key={file.path} className="iac-file">
          <div className="output-actions">
            <span className="file-name">{file.path}</span>
            <CopyButton text={file.text} what={file.fileName} />
            <button
              type="button"
              className="button small"
              aria-label={`Download ${file.fileName}`}
              onClick={() => downloadText(file.fileName, file.text)}
            >
              Download
            </button>
          </div>
          <pre tabIndex={0} aria-label={file.fileName}>
            <code data-output={file.id} data-file={file.fileName}>
              {file.text}
            </code>
          </pre>
        </div>
      ))}
    </>
  );
}
