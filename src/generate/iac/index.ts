/**
 * The infrastructure-as-code outputs of a deployment plan: infra/main.bicep with infra/main.parameters.json, and
 * main.tf. They read the plan only (ESLint keeps src/model out of src/generate/iac); the page loads this module
 * when a Bicep or Terraform tab is first opened, so the first view does not ship it.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { renderBicep } from './bicep/main-bicep';
import { renderTerraform } from './terraform/main-tf';

export type IacOutputId = 'bicep' | 'bicep-parameters' | 'bicep-module' | 'terraform';
export type IacFormat = 'bicep' | 'terraform';

export interface IacFile {
  readonly id: IacOutputId;
  readonly format: IacFormat;
  /** The file's name as downloaded: main.bicep. */
  readonly fileName: string;
  /** Where it goes in a project (and in the zip): infra/main.bicep. */
  readonly path: string;
  readonly title: string;
  readonly text: string;
}

/** The IaC files of one format. */
export function renderIac(plan: DeploymentPlan, format: IacFormat): IacFile[] {
  if (format === 'bicep') {
    const { bicep, parameters, modules } = renderBicep(plan);
    return [
      { id: 'bicep', format, fileName: 'main.bicep', path: 'infra/main.bicep', title: 'Bicep', text: bicep },
      {
        id: 'bicep-parameters',
        format,
        fileName: 'main.parameters.json',
        path: 'infra/main.parameters.json',
        title: 'Bicep parameters',
        text: parameters,
      },
      // The grants on resources in other resource groups: a module each, beside main.bicep in infra/modules/.
      ...modules.map((module) => ({
        id: 'bicep-module' as const,
        format,
        fileName: module.path.slice(module.path.lastIndexOf('/') + 1),
        path: `infra/${module.path}`,
        title: `Bicep module ${module.path}`,
        text: module.text,
      })),
    ];
  }
  return [
    {
      id: 'terraform',
      format,
      fileName: 'main.tf',
      path: 'terraform/main.tf',
      title: 'Terraform',
      text: renderTerraform(plan),
    },
  ];
}
