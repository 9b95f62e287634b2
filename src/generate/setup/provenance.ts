/**
 * What the setup writes on the things it creates, so that the teardown can tell them from things that were
 * there before (and keep those): a tag on the user-assigned identity it creates, and a description on each
 * Azure role assignment it creates. Neither can be written on a thing the setup found in place: it finds
 * those first and leaves them unchanged.
 */

/**
 * `az identity create --tags key=value` (the CLI's tags_type: space-separated key[=value]; `az identity create
 * -h` in 2.45 lists --tags).
 */
export const CREATED_BY_TAG_KEY = 'createdBy';
export const CREATED_BY_TAG_VALUE = 'dapr-mi-wizard';

/**
 * `az role assignment create --description` (role/custom.py create_role_assignment(..., description=None) in
 * the installed 2.45, sent with the 2020-04-01-preview authorization API of its profile,
 * azure/cli/core/profiles/_shared.py); `az role assignment list` prints it back as `description`.
 */
export const ROLE_ASSIGNMENT_DESCRIPTION = 'Created by the Dapr Managed Identity Wizard';
