/**
 * The SQL text of the PostgreSQL grant, apart from the script steps that run it: quoting of identifiers and
 * literals, the catalog's privilege templates read into what they grant on what, the list of Entra principals
 * both the setup and the teardown query, and the check that a GRANT took. Pure string builders, so each can
 * be read and tested without a script.
 */
import type { Grant } from '../../catalog/component-spec';
import { fillFields } from '../resources';

/**
 * pgaadauth_list_principals with its first three columns named by position. Microsoft's pages disagree on
 * their names: the older how-to-manage-azure-ad-users.md gives TABLE(rolname name, principalType text,
 * objectId text, ...), the newer security-manage-entra-users.md says rolename, and a user reports that the
 * server answers to rolname (MicrosoftDocs/azure-docs#121696). A column alias list renames columns in order
 * and leaves the rest (PostgreSQL docs, queries-table-expressions.html, "Table and Column Aliases"), so the
 * query holds whichever name the server uses.
 */
export const LISTED_PRINCIPALS =
  'pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id)';

/** The catalog's PostgreSQL grant: its privileges are the templates parsePrivilege reads. */
export type PostgresGrant = Extract<Grant, { kind: 'postgres-role' }>;

/** Quotes a PostgreSQL identifier: "name" with inner quotes doubled (PostgreSQL docs, identifiers). */
export function pgIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A catalog privilege split into what it grants and on what: "USAGE, CREATE ON SCHEMA public". Parsed before
 * "{field}" is filled in, so a typed value is only ever the object's name.
 */
export interface ParsedPrivilege {
  readonly privileges: readonly string[];
  readonly objectType: 'SCHEMA' | 'TABLE';
  readonly object: string;
}

export function parsePrivilege(template: string): ParsedPrivilege {
  const match = /^([A-Z, ]+) ON (SCHEMA|TABLE) (\S+)$/.exec(template);
  if (!match?.[1] || !match[3]) throw new Error(`Unreadable PostgreSQL privilege: ${template}`);
  return {
    privileges: match[1].split(',').map((privilege) => privilege.trim()),
    objectType: match[2] === 'TABLE' ? 'TABLE' : 'SCHEMA',
    object: match[3],
  };
}

/** Quotes a PostgreSQL string literal: 'text' with inner quotes doubled (PostgreSQL docs, constants). */
export const sqlLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * One boolean that is true only when the role holds every privilege: has_schema_privilege and
 * has_table_privilege are true when ANY of a comma-separated list is held, so each privilege is asked alone
 * (PostgreSQL docs, functions-info.html, Access Privilege Inquiry Functions).
 */
export function privilegeCheck(
  roleLiteral: string,
  templates: readonly string[],
  metadata: Readonly<Record<string, string>>,
): string {
  const checks = templates.map(parsePrivilege).flatMap(({ privileges, objectType, object }) => {
    const target = sqlLiteral(fillFields(object, metadata));
    const inquiry = objectType === 'SCHEMA' ? 'has_schema_privilege' : 'has_table_privilege';
    return privileges.map((privilege) => `${inquiry}(${roleLiteral}, ${target}, '${privilege}')`);
  });
  return `SELECT ${checks.join(' AND ')};`;
}
