/**
 * Writing a file from the script: the one line kind whose content is data, not shell. Fixed lines go through
 * quoted here-documents (no expansion), and a line holding a marker through printf '%s' with the variable as
 * its argument, so neither the file's text nor a value in it is ever read by the shell.
 */
import type { WriteFile } from '../script-model';
import { quoteLiteral } from './quoting';

function hereDocDelimiter(content: string): string {
  let delimiter = 'YAML';
  const lines = new Set(content.split('\n'));
  while (lines.has(delimiter)) delimiter += '_END';
  return delimiter;
}

/** Fixed lines go through quoted here-documents (no expansion); marker lines through printf '%s'. */
export function renderWriteFile(line: WriteFile): string {
  const markers = Object.keys(line.substitutions).filter((marker) => line.content.includes(marker));
  if (markers.length === 0) {
    const body = line.content.replace(/\n$/, '');
    const delimiter = hereDocDelimiter(body);
    return [`cat > ${quoteLiteral(line.path)} <<'${delimiter}'`, body, delimiter].join('\n');
  }
  const out: string[] = [`{`];
  let literal: string[] = [];
  const flushLiteral = (): void => {
    if (literal.length === 0) return;
    const body = literal.join('\n');
    const delimiter = hereDocDelimiter(body);
    out.push(`cat <<'${delimiter}'`, body, delimiter);
    literal = [];
  };
  for (const contentLine of line.content.replace(/\n$/, '').split('\n')) {
    const marker = Object.keys(line.substitutions).find((key) => contentLine.includes(key));
    if (marker === undefined) {
      literal.push(contentLine);
      continue;
    }
    flushLiteral();
    const [before, after] = splitOnce(contentLine, marker);
    // printf reads both '%' and '\\' in its format: the fixed text keeps them literal.
    const format = `${printfLiteral(before)}%s${printfLiteral(after)}\\n`;
    out.push(`printf ${quoteLiteral(format)} "$${line.substitutions[marker]}"`);
  }
  flushLiteral();
  out.push(`} > ${quoteLiteral(line.path)}`);
  return out.join('\n');
}

function printfLiteral(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

function splitOnce(text: string, marker: string): [string, string] {
  const index = text.indexOf(marker);
  return [text.slice(0, index), text.slice(index + marker.length)];
}
