"""What the psql and sqlcmd stand-ins (db_psql.py, db_sqlcmd.py) share: just enough SQL, parsed with regexes, for
the statements the scripts run.

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
from az_resources import TYPES
from state import FakeCloudError

# Server host names per cloud (az cloud show: suffixes.postgresqlServerEndpoint, sqlServerHostname in the
# installed 2.45's core/cloud.py), picked by the cloud `az cloud set` chose.
POSTGRES_SUFFIXES = {'AzureCloud': '.postgres.database.azure.com',
                     'AzureChinaCloud': '.postgres.database.chinacloudapi.cn',
                     'AzureUSGovernment': '.postgres.database.usgovcloudapi.net'}
SQL_SUFFIXES = {'AzureCloud': '.database.windows.net', 'AzureChinaCloud': '.database.chinacloudapi.cn',
                'AzureUSGovernment': '.database.usgovcloudapi.net'}


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


# The databases every server has, whatever the seed lists: PostgreSQL's postgres, Azure SQL's master.
SYSTEM_DATABASES = {'postgres', 'master'}


def database_of(server, name):
    if name in SYSTEM_DATABASES and name not in server.get('databases', {}):
        return {}
    databases = server.get('databases')
    if databases is None:
        server['databases'] = databases = {}
        server['anyDatabase'] = True
    if name not in databases:
        if not server.get('anyDatabase'):
            raise fail('FATAL:  database "{0}" does not exist'.format(name), 2)
        databases[name] = {}
    return databases[name]
