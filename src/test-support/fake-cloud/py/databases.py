"""The psql and sqlcmd stand-ins: just enough SQL, parsed with regexes, for the statements the scripts run.

A PostgreSQL flexible server or SQL server resource carries the database model the seed gives it:
  entraAdmins: [user names]   who may sign in with an Entra token (the signed-in az user must be one)
  roles (PostgreSQL, server-wide): {name: {objectId, type}}
  databases: {name: {schemaPrivileges: {role: {schema: [...]}}, tablePrivileges: {role: {table: [...]}},
              tables: [...] (optional: without it any table exists),
              tableOwners (PostgreSQL): {table: role} (tables a role created, e.g. daprd's state table),
              users (SQL): {name: {}}, roleMembers (SQL): {role: [users]}, schemaPermissions (SQL)}}
  Without `databases`, every database name exists (created empty on first use).
A statement the fake does not know fails the call, so a script that starts sending new SQL fails its test.
A failing call changes nothing (the whole -c string is one transaction in psql).
"""
import json
import os
import re

from az_access import service_principals
from az_resources import TYPES
from state import FakeCloudError

# Server host names per cloud (az cloud show: suffixes.postgresqlServerEndpoint, sqlServerHostname in the
# installed 2.45's core/cloud.py), picked by the cloud `az cloud set` chose.
POSTGRES_SUFFIXES = {'AzureCloud': '.postgres.database.azure.com',
                     'AzureChinaCloud': '.postgres.database.chinacloudapi.cn',
                     'AzureUSGovernment': '.postgres.database.usgovcloudapi.net'}
SQL_SUFFIXES = {'AzureCloud': '.database.windows.net', 'AzureChinaCloud': '.database.chinacloudapi.cn',
                'AzureUSGovernment': '.database.usgovcloudapi.net'}
SQL_FIXED_ROLES = {'db_owner', 'db_ddladmin', 'db_datareader', 'db_datawriter', 'db_securityadmin',
                   'db_accessadmin', 'db_backupoperator', 'db_denydatareader', 'db_denydatawriter'}


def fail(message, exit_code=1):
    return FakeCloudError(message + '\n', exit_code)


def split_statements(text):
    """Splits on semicolons outside quotes and brackets."""
    statements, current, quote = [], '', None
    for char in text:
        if quote:
            if char == quote:
                quote = None
        elif char in '\'"[':
            quote = ']' if char == '[' else char
        elif char == ';':
            statements.append(current.strip())
            current = ''
            continue
        current += char
    if current.strip():
        statements.append(current.strip())
    return [statement for statement in statements if statement]


def server_of(state, host, suffixes, type_key):
    suffix = suffixes.get(state['account'].get('cloud', 'AzureCloud'), '')
    if not host.endswith(suffix):
        raise fail('could not translate host name "{0}" to address: Name or service not known'.format(host), 2)
    name = host[:-len(suffix)]
    for resource in state['resources']:
        if resource['type'] == TYPES[type_key] and resource['name'] == name:
            return resource
    raise fail('could not translate host name "{0}" to address: Name or service not known'.format(host), 2)


def database_of(server, name):
    databases = server.get('databases')
    if databases is None:
        server['databases'] = databases = {}
        server['anyDatabase'] = True
    if name not in databases:
        if not server.get('anyDatabase'):
            raise fail('FATAL:  database "{0}" does not exist'.format(name), 2)
        databases[name] = {}
    return databases[name]


# ------------------------------------------------------------------------------------------------ psql

# Options that take no value, by their letter (psql --help): -t prints rows only (no header, no footer), -A
# unaligned (no padding); they combine as -tA.
PSQL_SWITCHES = {'X': 'no-psqlrc', 'q': 'quiet', 't': 'tuples-only', 'A': 'no-align'}


def parse_psql(argv):
    conninfo, commands, switches, index = None, [], set(), 0
    while index < len(argv):
        token = argv[index]
        if token in ('-c', '--command'):
            commands.append(argv[index + 1])
            index += 2
        elif token in ('-v', '--set'):
            index += 2
        elif token.startswith('--') and token[2:] in PSQL_SWITCHES.values():
            switches.add(token[2:])
            index += 1
        elif token.startswith('-') and len(token) > 1 and all(letter in PSQL_SWITCHES for letter in token[1:]):
            switches.update(PSQL_SWITCHES[letter] for letter in token[1:])
            index += 1
        elif token.startswith('-'):
            raise fail('psql: error: the fake psql does not know the option {0}'.format(token), 2)
        else:
            conninfo = token
            index += 1
    if conninfo is None or not commands:
        raise fail('psql: error: the fake psql needs a connection string and -c', 2)
    settings = dict(pair.split('=', 1) for pair in conninfo.split())
    # libpq takes the user from PGUSER when the connection string names none.
    if 'user' not in settings and os.environ.get('PGUSER'):
        settings['user'] = os.environ['PGUSER']
    return settings, commands, switches


def pg_privileges(text, allowed):
    privileges = [item.strip().upper() for item in text.split(',')]
    if privileges in (['ALL'], ['ALL PRIVILEGES']):
        return sorted(allowed)
    for privilege in privileges:
        if privilege not in allowed:
            raise fail('ERROR:  invalid privilege type {0}'.format(privilege))
    return privileges


def pg_role(server, name):
    if name not in server.setdefault('roles', {}):
        raise fail('ERROR:  role "{0}" does not exist'.format(name))


def pg_refuse_drop_of_owner(server, role):
    """DROP ROLE fails while the role owns objects in any database of the server, naming them per database
    (PostgreSQL docs sql-droprole.html: "a role cannot be removed if it is still referenced in any database";
    the server's error is "role ... cannot be dropped because some objects depend on it")."""
    details = []
    for name, database in sorted(server.get('databases', {}).items()):
        owned = [table for table, owner in sorted(database.get('tableOwners', {}).items()) if owner == role]
        if owned:
            details.append('{0} object{1} in database {2}'.format(len(owned), '' if len(owned) == 1 else 's', name))
    if details:
        raise fail('ERROR:  role "{0}" cannot be dropped because some objects depend on it\nDETAIL:  {1}'
                   .format(role, '\n'.join(details)))


class PgOutput:
    """What psql prints: a result as an aligned table with header and row count, or with -tA the bare rows
    (one value a line, nothing for no rows); command tags (GRANT) as they are."""

    def __init__(self, tuples_only):
        self.tuples_only = tuples_only
        self.lines = []

    def append(self, line):
        self.lines.append(line)

    def table(self, name, rows):
        if self.tuples_only:
            self.lines.extend(rows)
        else:
            pg_table(name, self.lines, rows)


def pg_table(name, lines, rows):
    width = max(len(name), *(len(row) for row in rows)) if rows else len(name)
    lines.append(' ' + name.center(width) + ' ')
    lines.append('-' * (width + 2))
    lines.extend(' ' + row for row in rows)
    lines.append('({0} row{1})'.format(len(rows), '' if len(rows) == 1 else 's'))
    lines.append('')


def run_pg_statement(server, database_name, database, statement, lines):
    create = re.fullmatch(
        r"SELECT pgaadauth_create_principal_with_oid\('([^']+)', '([^']+)', '(service|user|group)', (false|true), "
        r"(false|true)\)(?: WHERE NOT EXISTS \(SELECT 1 FROM pg_roles WHERE rolname = '([^']+)'\))?", statement)
    if create:
        role, object_id, principal_type, _, _, guard = create.groups()
        if database_name != 'postgres':
            raise fail('ERROR:  function pgaadauth_create_principal_with_oid does not exist in database '
                       '"{0}" (run it in postgres)'.format(database_name))
        roles = server.setdefault('roles', {})
        if guard is not None and guard in roles:
            lines.table('pgaadauth_create_principal_with_oid', [])
            return
        if role in roles:
            raise fail('ERROR:  role "{0}" already exists'.format(role))
        roles[role] = {'objectId': object_id, 'type': principal_type}
        lines.table('pgaadauth_create_principal_with_oid', ['Created role for "{0}"'.format(role)])
        return
    grant = re.fullmatch(r'(GRANT|REVOKE) ([A-Z, ]+) ON (SCHEMA|TABLE) (\w+) (?:TO|FROM) "([^"]+)"', statement)
    if grant:
        verb, privilege_text, target_kind, target, role = grant.groups()
        pg_role(server, role)
        if target_kind == 'SCHEMA':
            if target not in database.get('schemas', ['public']):
                raise fail('ERROR:  schema "{0}" does not exist'.format(target))
            privileges = pg_privileges(privilege_text, {'USAGE', 'CREATE'})
            held = database.setdefault('schemaPrivileges', {}).setdefault(role, {}).setdefault(target, [])
        else:
            if 'tables' in database and target not in database['tables']:
                raise fail('ERROR:  relation "{0}" does not exist'.format(target))
            privileges = pg_privileges(privilege_text, {'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE',
                                                        'REFERENCES', 'TRIGGER'})
            held = database.setdefault('tablePrivileges', {}).setdefault(role, {}).setdefault(target, [])
        for privilege in privileges:
            if verb == 'GRANT' and privilege not in held:
                held.append(privilege)
            if verb == 'REVOKE' and privilege in held:
                held.remove(privilege)
        held.sort()
        lines.append(verb)
        return
    inquiry = r"has_(schema|table)_privilege\('([^']+)', '([^']+)', '([A-Z]+)'\)"
    checks = re.fullmatch(r'SELECT ({0}(?: AND {0})*)'.format(inquiry), statement)
    if checks:
        # Each inquiry as PostgreSQL answers it (functions-info.html): true when the role holds the privilege.
        answers = []
        for kind, role, target, privilege in re.findall(inquiry, checks.group(1)):
            pg_role(server, role)
            key = 'schemaPrivileges' if kind == 'schema' else 'tablePrivileges'
            answers.append(privilege in database.get(key, {}).get(role, {}).get(target, []))
        column = 'has_{0}_privilege'.format(re.match(inquiry, checks.group(1)).group(1)) if len(answers) == 1 \
            else '?column?'
        lines.table(column, ['t' if all(answers) else 'f'])
        return
    regclass = re.fullmatch(r"SELECT to_regclass\('(\w+)'\) IS NOT NULL", statement)
    if regclass:
        # to_regclass gives NULL, not an error, for a missing relation (PostgreSQL docs, functions-info.html);
        # a database without a `tables` list has every table, as the GRANT above treats it.
        exists = 'tables' not in database or regclass.group(1) in database['tables']
        lines.table('?column?', ['t' if exists else 'f'])
        return
    listed = r"pg_catalog\.pgaadauth_list_principals\(false\) AS p\(role_name, principal_type, object_id\)"
    mapped = re.fullmatch(r"SELECT count\(\*\) FROM {0} WHERE p\.role_name = '([^']+)' AND "
                          r"lower\(p\.object_id::text\) = lower\('([^']+)'\)".format(listed), statement)
    if mapped:
        # The same function; count(*) prints 1 when the role of that name signs in as that object id.
        role = server.get('roles', {}).get(mapped.group(1))
        if database_name != 'postgres':
            raise fail('ERROR:  function pg_catalog.pgaadauth_list_principals(boolean) does not exist')
        same = bool(role and (role.get('objectId') or '').lower() == mapped.group(2).lower())
        lines.table('count', ['1' if same else '0'])
        return
    principals = re.fullmatch(r"SELECT p\.object_id FROM {0} WHERE p\.role_name = '([^']+)'".format(listed),
                              statement)
    if principals:
        # pgaadauth_list_principals lists the Entra-mapped roles with their rolename and objectId
        # (security-manage-entra-users.md); a role of that name that is not mapped gives no row.
        role = server.get('roles', {}).get(principals.group(1))
        if database_name != 'postgres':
            raise fail('ERROR:  function pg_catalog.pgaadauth_list_principals(boolean) does not exist')
        lines.table('object_id', [role['objectId']] if role and role.get('objectId') else [])
        return
    drop = re.fullmatch(r'DROP ROLE (IF EXISTS )?"([^"]+)"', statement)
    if drop:
        if_exists, role = drop.groups()
        if role not in server.get('roles', {}):
            if not if_exists:
                raise fail('ERROR:  role "{0}" does not exist'.format(role))
        else:
            pg_refuse_drop_of_owner(server, role)
            del server['roles'][role]
        lines.append('DROP ROLE')
        return
    raise fail('ERROR:  the fake psql does not know this statement: {0}'.format(statement))


def run_psql(state, argv):
    settings, commands, switches = parse_psql(argv)
    host = settings.get('host', '')
    server = server_of(state, host, POSTGRES_SUFFIXES, 'postgres flexible-server')
    user = settings.get('user', '')
    token_ok = os.environ.get('PGPASSWORD') == state['account'].get('accessToken')
    entra_on = server.get('authConfig', {}).get('activeDirectoryAuth') == 'Enabled'
    if not (token_ok and entra_on and user in server.get('entraAdmins', [])):
        raise fail('psql: error: connection to server at "{0}", port 5432 failed: FATAL:  password '
                   'authentication failed for user "{1}"'.format(host, user), 2)
    database_name = settings.get('dbname', 'postgres')
    before = json.dumps(server, sort_keys=True)
    made_up = database_name not in server.get('databases', {})
    database = database_of(server, database_name)
    lines = PgOutput('tuples-only' in switches)
    for command in commands:
        for statement in split_statements(command):
            run_pg_statement(server, database_name, database, statement, lines)
    if lines.lines:
        print('\n'.join(lines.lines))
    if made_up and database == {}:
        # Only the empty database the fake made up on first use: a SELECT changes nothing.
        del server['databases'][database_name]
        if not server['databases']:
            del server['databases']
            server.pop('anyDatabase', None)
    return json.dumps(server, sort_keys=True) != before


# ------------------------------------------------------------------------------------------------ sqlcmd

SQLCMD_FLAGS = {'-S': '--server', '--server': '--server', '-d': '--database-name',
                '--database-name': '--database-name', '--authentication-method': '--authentication-method',
                '-Q': '--query', '--query': '--query', '-q': '--query', '--initial-query': '--query'}


def parse_sqlcmd(argv):
    flags, index = {}, 0
    while index < len(argv):
        token = argv[index]
        if token in ('-b', '--exit-on-error'):
            flags['--exit-on-error'] = True
            index += 1
        elif token in SQLCMD_FLAGS:
            flags[SQLCMD_FLAGS[token]] = argv[index + 1]
            index += 2
        else:
            raise fail("Error: unknown flag: {0}".format(token))
    for flag in ('--server', '--database-name', '--query'):
        if flag not in flags:
            raise fail('Error: the fake sqlcmd needs {0}'.format(flag))
    return flags


def sql_error(number, message):
    return fail('Msg {0}, Level 16, State 1, Line 1\n{1}'.format(number, message))


def run_sql_statement(database, statement, lines, state=None):
    other_sid = re.fullmatch(
        r"IF EXISTS \(SELECT 1 FROM sys\.database_principals WHERE name = N'([^']+)' AND sid <> "
        r"CAST\(CAST\('([0-9a-fA-F-]+)' AS uniqueidentifier\) AS varbinary\(16\)\)\) THROW 50000, N'((?:[^']|'')*)', 1",
        statement)
    if other_sid:
        user, client_id, message = other_sid.groups()
        sid = database.get('users', {}).get(user, {}).get('sid')
        if user in database.get('users', {}) and (sid or '').lower() != client_id.lower():
            raise fail('Msg 50000, Level 16, State 1, Line 1\n' + message.replace("''", "'"))
        return
    same_sid = re.fullmatch(
        r"IF EXISTS \(SELECT 1 FROM sys\.database_principals WHERE name = N'([^']+)' AND sid = "
        r"CAST\(CAST\('([0-9a-fA-F-]+)' AS uniqueidentifier\) AS varbinary\(16\)\)\) (.+)", statement, re.S)
    if same_sid:
        # The teardown's guard: the statement runs only for the user of that name with this client id as SID.
        user, client_id, inner = same_sid.groups()
        sid = database.get('users', {}).get(user, {}).get('sid')
        if user in database.get('users', {}) and (sid or '').lower() == client_id.lower():
            run_sql_statement(database, inner, lines, state)
        return
    guarded = re.fullmatch(r"IF DATABASE_PRINCIPAL_ID\(N'([^']+)'\) IS (NOT )?NULL (.+)", statement, re.S)
    if guarded:
        user, negate, inner = guarded.groups()
        exists = user in database.get('users', {})
        if exists == bool(negate):
            run_sql_statement(database, inner, lines, state)
        return
    create = re.fullmatch(r'CREATE USER \[([^\]]+)\] FROM EXTERNAL PROVIDER', statement)
    if create:
        user = create.group(1)
        users = database.setdefault('users', {})
        if user in users:
            raise sql_error(15023, "User, group, or role '{0}' already exists in the current database.".format(user))
        # The server looks the name up in Microsoft Entra ID and keeps the service principal's application
        # (client) id as the SID (see sql-contained-user.ts); the error for an unknown name is the fake's.
        matches = [app_id for _, app_id, name in service_principals(state or {'resources': []}) if name == user]
        if len(matches) != 1:
            raise sql_error(33130, "Principal '{0}' could not be found or is not one service principal.".format(user))
        users[user] = {'type': 'external', 'sid': matches[0]}
        return
    member = re.fullmatch(r'ALTER ROLE (\w+) (ADD|DROP) MEMBER \[([^\]]+)\]', statement)
    if member:
        role, verb, user = member.groups()
        if role not in SQL_FIXED_ROLES:
            raise sql_error(15151, "Cannot alter the role '{0}', because it does not exist or you do not have "
                                   'permission.'.format(role))
        if user not in database.get('users', {}):
            raise sql_error(15151, "Cannot add the principal '{0}', because it does not exist or you do not have "
                                   'permission.'.format(user))
        members = database.setdefault('roleMembers', {}).setdefault(role, [])
        # Adding a member twice is not an error in SQL Server; neither is dropping a non-member.
        if verb == 'ADD' and user not in members:
            members.append(user)
        if verb == 'DROP' and user in members:
            members.remove(user)
        members.sort()
        return
    grant = re.fullmatch(r'(GRANT|REVOKE) ([A-Z, ]+) ON SCHEMA::(\w+) (?:TO|FROM) \[([^\]]+)\]', statement)
    if grant:
        verb, permission_text, schema, user = grant.groups()
        if user not in database.get('users', {}):
            raise sql_error(15151, "Cannot find the user '{0}', because it does not exist or you do not have "
                                   'permission.'.format(user))
        held = database.setdefault('schemaPermissions', {}).setdefault(user, {}).setdefault(schema, [])
        for permission in (item.strip() for item in permission_text.split(',')):
            if verb == 'GRANT' and permission not in held:
                held.append(permission)
            if verb == 'REVOKE' and permission in held:
                held.remove(permission)
        held.sort()
        return
    drop = re.fullmatch(r'DROP USER (IF EXISTS )?\[([^\]]+)\]', statement)
    if drop:
        if_exists, user = drop.groups()
        if user not in database.get('users', {}):
            if not if_exists:
                raise sql_error(15151, "Cannot drop the user '{0}', because it does not exist or you do not have "
                                       'permission.'.format(user))
            return
        del database['users'][user]
        for members in database.get('roleMembers', {}).values():
            if user in members:
                members.remove(user)
        database.get('schemaPermissions', {}).pop(user, None)
        return
    is_member = re.fullmatch(r"SELECT IS_ROLEMEMBER\('(\w+)', '([^']+)'\)", statement)
    if is_member:
        role, user = is_member.groups()
        lines.append('1' if user in database.get('roleMembers', {}).get(role, []) else '0')
        return
    raise fail('Error: the fake sqlcmd does not know this statement: {0}'.format(statement))


def run_sqlcmd(state, argv):
    flags = parse_sqlcmd(argv)
    server = server_of(state, flags['--server'], SQL_SUFFIXES, 'sql server')
    if flags.get('--authentication-method') != 'ActiveDirectoryAzCli':
        raise fail('Error: the fake sqlcmd signs in only with --authentication-method ActiveDirectoryAzCli')
    user = state['account'].get('user')
    if user not in server.get('entraAdmins', []):
        raise sql_error(18456, "Login failed for user '{0}'.".format(user))
    database = database_of(server, flags['--database-name'])
    lines = []
    for statement in split_statements(flags['--query']):
        run_sql_statement(database, statement, lines, state)
    if lines:
        print('\n'.join(lines))
    return True
