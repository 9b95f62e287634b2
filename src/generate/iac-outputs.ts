/**
 * config -> the Bicep or Terraform files, for the page: the async entry point the output panel imports when a
 * Bicep or Terraform tab is first opened (a dynamic import, so Vite puts the renderers in their own chunk).
 * Called only for a configuration whose setup script is generated (every field valid).
 */
import type { WizardConfig } from '../model/config';
import { renderIac, type IacFile, type IacFormat } from './iac';
import { buildPlan } from './plan/build-plan';

export type { IacFile, IacFormat, IacOutputId } from './iac';

export function iacFiles(config: WizardConfig, format: IacFormat): IacFile[] {
  return renderIac(buildPlan(config), format);
}
