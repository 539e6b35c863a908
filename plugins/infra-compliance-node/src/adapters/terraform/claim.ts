/**
 * Which files are Terraform's: HCL2 `.tf` and `.tf.json` modules, and the
 * variable files (`.tfvars`) that set their inputs.
 */
import { AdapterClaim, SourceFile } from '../types';

export const TERRAFORM_FILE = /\.tf(\.json)?$/i;
export const VARIABLES_FILE = /\.tfvars(\.json)?$/i;

export const terraformClaim: AdapterClaim = {
  format: 'terraform',
  fileNamePattern: /\.(tf|tfvars)(\.json)?$/i,
  // Policies and definitions for file() and templatefile().
  companionFileNamePattern: /\.(json|tftpl|tpl|tmpl)$/i,
  // A module is all the files of its folder.
  moduleIsFolder: true,

  accepts(file: SourceFile): boolean {
    return TERRAFORM_FILE.test(file.path) || VARIABLES_FILE.test(file.path);
  },
};
