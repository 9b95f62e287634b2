/**
 * What the Bicep and Terraform tabs load on first open, in one chunk apart from the first view: the renderers
 * (through the config -> plan entry point) and the component that shows their files.
 */
export { iacFiles } from '../generate/iac-outputs';
export { IacFiles } from './IacFiles';
