/** The first line a script prints when it still holds example values (setup/example-values.ts). */
export const EXAMPLE_VALUES_STOP = 'Stopped before any change';
