/**
 * The Azure SQL grant step, run by real Bash against stand-ins for az, sqlcmd and sleep: a just-created
 * identity that Microsoft Entra ID does not know yet fails the first tries, and the step waits it out; any
 * other sqlcmd error stops it at once. The sqlcmd stand-in prints its error on standard output, as go-sqlcmd
 * does without -r (pkg/sqlcmd/sqlcmd.go GetError), in go-sqlcmd's "Msg <n>, Level" form (format.go AddError).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';
import { grantSetupStep } from '.';

const LINK =
  'host=vm&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api&component=state.sqlserver' +
  '&m.host=sql-orders.database.windows.net&m.database=orders';

const dir = mkdtempSync(join(tmpdir(), 'sql-user-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each stand-in logs its call and fails while its count of calls is under FAIL_<NAME>. */
function standIn(name: string, output: string, failure = `echo "${name}: principal not found" >&2`): void {
  const counter = `"$CALLS_DIR/${name}"`;
  const script = [
    '#!/bin/bash',
    `printf "%s %s\\n" ${name} "$*" >> "$CALLS_DIR/log"`,
    `count=$(( $(cat ${counter} 2>/dev/null || echo 0) + 1 )); echo "$count" > ${counter}`,
    `if [ "$count" -le "\${FAIL_${name.toUpperCase()}:-0}" ]; then ${failure}; exit 1; fi`,
    output === '' ? '' : `printf "%s\\n" ${output}`,
    '',
  ].join('\n');
  writeFileSync(join(dir, name), script);
  chmodSync(join(dir, name), 0o755);
}
standIn('az', '11111111-2222-3333-4444-555555555555');
standIn('sqlcmd', '', 'printf "%s\\n" "$SQLCMD_ERROR"');
standIn('sleep', '');

const NOT_FOUND_YET =
  "Msg 33134, Level 16, State 1, Server sql-orders, Line 1\nPrincipal 'vm-orders' could not be found at this time. Please try again later.";

function runSqlStep(failAz: number, failSqlcmd: number, sqlcmdError = NOT_FOUND_YET) {
  const plan = buildPlan(parseShareLink('', LINK).config);
  const resolved = plan.grants.find(({ grant }) => grant.kind === 'sql-contained-user');
  if (!resolved) throw new Error('test setup: no SQL grant');
  const text = toBash({
    header: [],
    variables: [{ name: 'PRINCIPAL_ID', value: '8d1e4c2a-5b3f-4e6d-9a7c-0b1e2f3a4b5c' }],
    steps: [grantSetupStep(plan, resolved, true)],
  });
  const calls = mkdtempSync(join(dir, 'calls-'));
  const result = spawnSync('bash', ['-c', text], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:/usr/bin:/bin`,
      CALLS_DIR: calls,
      FAIL_AZ: String(failAz),
      FAIL_SQLCMD: String(failSqlcmd),
      SQLCMD_ERROR: sqlcmdError,
    },
  });
  const log = readFileSync(join(calls, 'log'), 'utf8').trim().split('\n');
  return { ...result, log };
}

describe('the Azure SQL grant step', () => {
  it('waits out Microsoft Entra ID lag for the service principal and the CREATE USER, then goes on', () => {
    const run = runSqlStep(2, 1);
    expect(run.status, run.stderr).toBe(0);
    expect(run.log.filter((call) => call.startsWith('az ad sp show'))).toHaveLength(3);
    expect(run.log.filter((call) => call.startsWith('sqlcmd '))).toHaveLength(2);
    expect(run.log.find((call) => call.startsWith('sqlcmd '))).toContain(
      "CAST('11111111-2222-3333-4444-555555555555' AS uniqueidentifier)",
    );
    expect(run.log.find((call) => call.startsWith('sqlcmd '))).toContain(
      "FROM EXTERNAL PROVIDER WITH OBJECT_ID = '8d1e4c2a-5b3f-4e6d-9a7c-0b1e2f3a4b5c';",
    );
    expect(run.stderr).toContain('Microsoft Entra ID may not know the new identity yet');
    // The failed try's error is shown (on stderr), not swallowed by the capture.
    expect(run.stderr).toContain("Principal 'vm-orders' could not be found at this time.");
  });

  it("stops at once, showing sqlcmd's error, on a failure waiting does not fix", () => {
    const run = runSqlStep(
      0,
      99,
      "Msg 18456, Level 14, State 1, Server sql-orders, Line 1\nLogin failed for user '<token-identified principal>'.",
    );
    expect(run.status).toBe(1);
    expect(run.log.filter((call) => call.startsWith('sqlcmd '))).toHaveLength(1);
    expect(run.log.filter((call) => call.startsWith('sleep'))).toHaveLength(0);
    expect(run.stderr).toContain("Login failed for user '<token-identified principal>'.");
    expect(run.stderr).toContain('which waiting does not fix');
    expect(run.stderr).toContain('troubleshoot.html#sql-grant-refused');
  });

  it('tries Msg 37545, which also reads as a missing permission, only 3 times, then names both causes', () => {
    const objectIdOrPermission =
      "Msg 37545, Level 16, State 1, Server sql-orders, Line 1\n'' is not a valid object id for '' or you do not have permission.";
    const run = runSqlStep(0, 99, objectIdOrPermission);
    expect(run.status).toBe(1);
    expect(run.log.filter((call) => call.startsWith('sqlcmd '))).toHaveLength(3);
    expect(run.log.filter((call) => call.startsWith('sleep'))).toHaveLength(2);
    expect(run.stderr).toContain('failed 3 or more times, the last with Msg 37545');
    expect(run.stderr).toContain("Microsoft Entra ID does not know the identity's object id yet");
    expect(run.stderr).toContain('CREATE USER needs ALTER ANY USER');
    expect(run.stderr).toContain('troubleshoot.html#sql-grant-refused');
    expect(run.stderr).not.toContain('troubleshoot.html#sql-principal-not-found');
    // A new identity's lag that ends within those tries goes on.
    const waited = runSqlStep(0, 2, objectIdOrPermission);
    expect(waited.status, waited.stderr).toBe(0);
    expect(waited.log.filter((call) => call.startsWith('sqlcmd '))).toHaveLength(3);
  });

  it('stops with the cause and the fix after the last try', () => {
    const run = runSqlStep(0, 99);
    expect(run.status).toBe(1);
    expect(run.log.filter((call) => call.startsWith('sqlcmd '))).toHaveLength(6);
    expect(run.stderr).toContain("did not know the identity's object id on any of 6 tries");
    expect(run.stderr).toContain('troubleshoot.html#sql-principal-not-found');
  });
});
