"""The sqlcmd stand-in (the database model is databases.py's): the options the scripts pass and the T-SQL
statements they run."""
import re

from az_access import service_principals
from databases import SQL_SUFFIXES, fail, split_statements, server_of, database_of
from state import FakeCloudError


SQL_FIXED_ROLES = {'db_owner', 'db_ddladmin', 'db_datareader', 'db_datawriter', 'db_securityadmin',
                   'db_accessadmin', 'db_backupoperator', 'db_denydatareader', 'db_denydatawriter'}


SQLCMD_FLAGS = {'-S': '--server', '--server': '--server', '-d': '--database-name',
                '--database-name': '--database-name', '--authentication-method': '--authentication-method',
                '-Q': '--query', '--query': '--query', '-q': '--query', '--initial-query': '--query',
                '-h': '--headers', '--headers': '--headers'}


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
    """A server error as go-sqlcmd prints it: on its output stream, not stderr, unless -r is given
    (microsoft/go-sqlcmd pkg/sqlcmd/sqlcmd.go GetError falls back to the output; format.go AddError)."""
    print('Msg {0}, Level 16, State 1, Line 1\n{1}'.format(number, message))
    return FakeCloudError('', 1)


def run_sql_statement(database, statement, lines, state=None):
    other_sid = re.fullmatch(
        r"IF EXISTS \(SELECT 1 FROM sys\.database_principals WHERE name = N'([^']+)' AND sid <> "
        r"CAST\(CAST\('([0-9a-fA-F-]+)' AS uniqueidentifier\) AS varbinary\(16\)\)\) THROW 50000, N'((?:[^']|'')*)', 1",
        statement)
    if other_sid:
        user, client_id, message = other_sid.groups()
        sid = database.get('users', {}).get(user, {}).get('sid')
        if user in database.get('users', {}) and (sid or '').lower() != client_id.lower():
            raise sql_error(50000, message.replace("''", "'"))
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
    create = re.fullmatch(r"CREATE USER \[([^\]]+)\] FROM EXTERNAL PROVIDER(?: WITH OBJECT_ID = '([^']*)')?",
                          statement)
    if create:
        user, object_id = create.groups()
        users = database.setdefault('users', {})
        if user in users:
            raise sql_error(15023, "User, group, or role '{0}' already exists in the current database.".format(user))
        if object_id is not None:
            # By object id the name is only the user's: the server finds the service principal by its object
            # id, and refuses one the tenant does not hold with Msg 37545 (Microsoft Learn, "Microsoft Entra
            # logins and users with nonunique display names").
            by_id = [app_id for oid, app_id, _ in service_principals(state or {'resources': []})
                     if oid.lower() == object_id.lower()]
            if not by_id:
                raise sql_error(37545, "'' is not a valid object id for '' or you do not have permission.")
            users[user] = {'type': 'external', 'sid': by_id[0]}
            return
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


def run_master_statement(server, statement, lines):
    """What the teardown asks master: whether a database is on the server. In master, sys.databases lists
    every database of the logical server (sql-docs sys-databases-transact-sql.md); the count is printed as
    go-sqlcmd prints an int column without headings, padded to the column's width."""
    if statement == 'SET NOCOUNT ON':
        return
    listed = re.fullmatch(r"SELECT COUNT\(\*\) FROM sys\.databases WHERE name = N'((?:[^']|'')*)'", statement)
    if listed:
        name = listed.group(1).replace("''", "'")
        exists = bool(server.get('anyDatabase')) or name in server.get('databases', {}) or name == 'master'
        lines.append('{0:>11}'.format(1 if exists else 0))
        return
    raise fail('Error: the fake sqlcmd does not know this statement in master: {0}'.format(statement))


def run_sqlcmd(state, argv):
    flags = parse_sqlcmd(argv)
    server = server_of(state, flags['--server'], SQL_SUFFIXES, 'sql server')
    if flags.get('--authentication-method') != 'ActiveDirectoryAzCli':
        raise fail('Error: the fake sqlcmd signs in only with --authentication-method ActiveDirectoryAzCli')
    user = state['account'].get('user')
    if user not in server.get('entraAdmins', []):
        # go-sqlcmd writes a sign-in error to its output stream, not stderr (pkg/sqlcmd GetError is the
        # output unless -r is given), so a script capturing its output captures the error.
        print("Msg 18456, Level 14, State 1\nLogin failed for user '{0}'.".format(user))
        raise FakeCloudError('', 1)
    lines = []
    if flags['--database-name'] == 'master':
        for statement in split_statements(flags['--query']):
            run_master_statement(server, statement, lines)
        print('\n'.join(lines))
        return False
    database = database_of(server, flags['--database-name'])
    for statement in split_statements(flags['--query']):
        run_sql_statement(database, statement, lines, state)
    if lines:
        print('\n'.join(lines))
    return True
