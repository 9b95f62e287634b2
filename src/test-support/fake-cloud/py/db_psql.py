"""The psql stand-in (the database model is databases.py's): the options the scripts pass and the PostgreSQL
statements they run. A failing call changes nothing (the whole -c string is one transaction in psql)."""
import json
import os
import re

from databases import POSTGRES_SUFFIXES, fail, split_statements, server_of, database_of


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
    listed_table = re.fullmatch(r"SELECT EXISTS \(SELECT FROM pg_tables WHERE tablename = '(\w+)'\) AND "
                                r"COALESCE\(\(SELECT relkind IN \('r', 'p'\) FROM pg_class WHERE oid = "
                                r"to_regclass\('(\w+)'\)\), false\)", statement)
    if listed_table:
        # pg_tables lists tables in any schema (PostgreSQL docs view-pg-tables.html); to_regclass resolves the
        # name by the search path, views too, and relkind r or p is a table. A database without a `tables`
        # list has every table; `tables` are tables somewhere, `views` views on the search path, so a name in
        # both is a table in another schema behind a view of that name.
        name, resolved = listed_table.group(1), listed_table.group(2)
        is_table = 'tables' not in database or name in database['tables']
        resolves_to_table = 'tables' not in database or \
            (resolved in database['tables'] and resolved not in database.get('views', []))
        lines.table('?column?', ['t' if is_table and resolves_to_table else 'f'])
        return
    regclass = re.fullmatch(r"SELECT to_regclass\('(\w+)'\) IS NOT NULL", statement)
    if regclass:
        # to_regclass gives NULL, not an error, for a missing relation (PostgreSQL docs, functions-info.html);
        # a database without a `tables` list has every table, as the GRANT above treats it.
        exists = 'tables' not in database or regclass.group(1) in database['tables'] or \
            regclass.group(1) in database.get('views', [])
        lines.table('?column?', ['t' if exists else 'f'])
        return
    catalog = re.fullmatch(r"SELECT count\(\*\) FROM pg_database WHERE datname = '([^']+)'", statement)
    if catalog:
        # pg_database lists every database of the server (PostgreSQL docs catalog-pg-database.html); a seed
        # without `databases` has every name (databases.py).
        name = catalog.group(1)
        exists = bool(server.get('anyDatabase')) or name in server.get('databases', {}) or name == 'postgres'
        lines.table('count', ['1' if exists else '0'])
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
    if made_up and database == {} and database_name in server.get('databases', {}):
        # Only the empty database the fake made up on first use: a SELECT changes nothing.
        del server['databases'][database_name]
        if not server['databases']:
            del server['databases']
            server.pop('anyDatabase', None)
    return json.dumps(server, sort_keys=True) != before
