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
import { grantScriptOptions, grantSetupStep } from '.';
import { privilegeCheck } from './postgres-sql';

const PRINCIPAL_ID = '8d1e4c2a-5b3f-4e6d-9a7c-0b1e2f3a4b5c';
const OTHER_OBJECT_ID = '0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f';
const LINK =
  'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders' +
  '&component=state.postgresql&m.host=pg-orders.postgres.database.azure.com&m.database=orders';

const dir = mkdtempSync(join(tmpdir(), 'postgres-role-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** psql prints the mapped object id and the privilege answer it is given; every call is logged, with the user
 * libpq signs in as (PGUSER: the connection strings name none). */
const PSQL = [
  '#!/bin/bash',
  'printf "%s user=%s \\n" "$*" "${PGUSER:-}" >> "$PSQL_LOG"',
  'case "$*" in',
  '  *pgaadauth_list_principals*) printf "%s\\n" "$MAPPED_ID" ;;',
  '  *to_regclass*) printf "%s\\n" "$TABLE_FOUND" ;;',
  '  *has_schema_privilege*) printf "%s\\n" "$GRANTED" ;;',
  'esac',
  '',
].join('\n');
writeFileSync(join(dir, 'psql'), PSQL);
chmodSync(join(dir, 'psql'), 0o755);
/** az answers the sign-in lookups: the signed-in user's name and a token; every call is logged. */
const AZ = [
  '#!/bin/bash',
  'printf "az %s\\n" "$*" >> "$PSQL_LOG"',
  'case "$*" in',
  '  "account show"*) printf "%s\\n" me@contoso.com ;;',
  '  "account get-access-token"*) printf "%s\\n" token ;;',
  'esac',
  '',
].join('\n');
writeFileSync(join(dir, 'az'), AZ);
chmodSync(join(dir, 'az'), 0o755);
const CONFIG_LINK =
  'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders' +
  '&component=configuration.postgresql&m.host=pg-orders.postgres.database.azure.com&m.database=settings' +
  '&m.table=appconfig';

interface StepRun {
  readonly mappedId: string;
  readonly granted: string;
  readonly link?: string;
  readonly tableFound?: string;
  /** Runs the step that signs in, with PG_ADMIN read from the environment as the script reads it. */
  readonly pgAdminFromEnvironment?: string;
}

function runGrantStep(mappedId: string, granted: string, more: Omit<StepRun, 'mappedId' | 'granted'> = {}) {
  const plan = buildPlan(parseShareLink('', more.link ?? LINK).config);
  const resolved = plan.grants.find(({ grant }) => grant.kind === 'postgres-role');
  if (!resolved) throw new Error('test setup: no PostgreSQL grant');
  const signIn = more.pgAdminFromEnvironment !== undefined;
  const step = grantSetupStep(plan, resolved, signIn);
  const text = toBash({
    header: [],
    variables: [
      { name: 'PRINCIPAL_ID', value: PRINCIPAL_ID },
      ...(signIn ? [] : [{ name: 'PG_ADMIN', value: 'admin@contoso.com' }]),
    ],
    options: grantScriptOptions(plan),
    steps: [step],
  });
  const log = join(
    dir,
    `log-${mappedId}-${granted}-${more.tableFound ?? ''}-${more.pgAdminFromEnvironment ?? ''}`,
  );
  writeFileSync(log, '');
  const result = spawnSync('bash', ['-c', text], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:/usr/bin:/bin`,
      PSQL_LOG: log,
      MAPPED_ID: mappedId,
      GRANTED: granted,
      TABLE_FOUND: more.tableFound ?? 't',
      ...(signIn ? { PG_ADMIN: more.pgAdminFromEnvironment } : {}),
    },
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

describe('the PostgreSQL configuration store grant', () => {
  it('stops before any change, saying how to make the table, when the table is missing', () => {
    const run = runGrantStep(PRINCIPAL_ID, 't', { link: CONFIG_LINK, tableFound: 'f' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No table appconfig is on the search path of the database settings');
    expect(run.stderr).toContain('key, value, version and metadata');
    expect(run.calls.some((call) => call.includes('GRANT ') || call.includes('pgaadauth_create'))).toBe(
      false,
    );
  });

  it('grants SELECT on the table once it exists', () => {
    const run = runGrantStep(PRINCIPAL_ID, 't', { link: CONFIG_LINK, tableFound: 't' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls.some((call) => call.includes('GRANT SELECT ON TABLE appconfig'))).toBe(true);
  });
});

describe('the PostgreSQL sign-in', () => {
  it('signs in as PG_ADMIN from the environment (an admin group) without asking az for the user name', () => {
    const run = runGrantStep(PRINCIPAL_ID, 't', { pgAdminFromEnvironment: 'Prod DB Admins' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls.some((call) => call.startsWith('az account show'))).toBe(false);
    expect(
      run.calls
        .filter((call) => !call.startsWith('az '))
        .every((call) => / user=Prod DB Admins ?$/.test(call)),
    ).toBe(true);
  });

  it('signs in as the az user when PG_ADMIN is empty', () => {
    const run = runGrantStep(PRINCIPAL_ID, 't', { pgAdminFromEnvironment: '' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls.some((call) => call.startsWith('az account show'))).toBe(true);
    expect(run.calls.some((call) => / user=me@contoso.com ?$/.test(call))).toBe(true);
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
