/**
 * The PostgreSQL grant step, run by real Bash against a psql stand-in that answers the read-backs the way a
 * server would in each case: the script goes on only when the role is this identity's and the GRANT took.
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
import { privilegeCheck } from './postgres-role';

const PRINCIPAL_ID = '8d1e4c2a-5b3f-4e6d-9a7c-0b1e2f3a4b5c';
const OTHER_OBJECT_ID = '0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f';
const LINK =
  'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders' +
  '&component=state.postgresql&m.host=pg-orders.postgres.database.azure.com&m.database=orders';

const dir = mkdtempSync(join(tmpdir(), 'postgres-role-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** psql prints the mapped object id and the privilege answer it is given; every call is logged. */
const PSQL = [
  '#!/bin/bash',
  'printf "%s\\n" "$*" >> "$PSQL_LOG"',
  'case "$*" in',
  '  *pgaadauth_list_principals*) printf "%s\\n" "$MAPPED_ID" ;;',
  '  *has_schema_privilege*) printf "%s\\n" "$GRANTED" ;;',
  'esac',
  '',
].join('\n');
writeFileSync(join(dir, 'psql'), PSQL);
chmodSync(join(dir, 'psql'), 0o755);

function runGrantStep(mappedId: string, granted: string) {
  const plan = buildPlan(parseShareLink('', LINK).config);
  const resolved = plan.grants.find(({ grant }) => grant.kind === 'postgres-role');
  if (!resolved) throw new Error('test setup: no PostgreSQL grant');
  const step = grantSetupStep(plan, resolved, false);
  const text = toBash({
    header: [],
    variables: [
      { name: 'PRINCIPAL_ID', value: PRINCIPAL_ID },
      { name: 'PG_ADMIN', value: 'admin@contoso.com' },
    ],
    steps: [step],
  });
  const log = join(dir, `log-${mappedId}-${granted}`);
  writeFileSync(log, '');
  const result = spawnSync('bash', ['-c', text], {
    encoding: 'utf8',
    env: { PATH: `${dir}:/usr/bin:/bin`, PSQL_LOG: log, MAPPED_ID: mappedId, GRANTED: granted },
  });
  return { ...result, calls: readFileSync(log, 'utf8').trim().split('\n') };
}

describe('the PostgreSQL grant step', () => {
  it('goes on when the role is mapped to this identity (in any case) and the GRANT took', () => {
    const run = runGrantStep(PRINCIPAL_ID.toUpperCase(), 't');
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls.some((call) => call.includes('GRANT USAGE, CREATE ON SCHEMA public'))).toBe(true);
  });

  it('stops before granting when the role signs in as another object (a re-created identity)', () => {
    const run = runGrantStep(OTHER_OBJECT_ID, 't');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('signs in as another Microsoft Entra object');
    expect(run.calls.some((call) => call.includes('GRANT '))).toBe(false);
  });

  it('stops with the cause and the fix when the GRANT only warned (PostgreSQL 15+, not the owner)', () => {
    const run = runGrantStep(PRINCIPAL_ID, 'f');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('did not take');
    expect(run.stderr).toContain('pg_database_owner');
  });
});

describe('privilegeCheck', () => {
  it('asks for each privilege alone, since a comma-separated list is true when any one is held', () => {
    expect(
      privilegeCheck("'r'", ['USAGE, CREATE ON SCHEMA public', 'SELECT ON TABLE {table}'], { table: "o'k" }),
    ).toBe(
      "SELECT has_schema_privilege('r', 'public', 'USAGE') AND has_schema_privilege('r', 'public', 'CREATE')" +
        " AND has_table_privilege('r', 'o''k', 'SELECT');",
    );
  });
});
