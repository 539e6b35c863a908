/**
 * Which files are AWS CDK apps': `cdk.json` project files, the modules that
 * import a CDK package, and the templates an app synthesized in `cdk.out/`.
 */
import { AdapterClaim, SourceFile } from '../types';
import { PROGRAM_FILE } from '../programFiles';
import { LOCKFILE_NAME } from '../lockfiles';

export const PROJECT_FILE = /(^|\/)cdk\.json$/;
const USES_CDK =
  /['"](?:aws-cdk-lib|@aws-cdk\/[a-z-]+|constructs)(?:\/[a-z0-9-]+)?['"]/;
export const SYNTHESIZED_TEMPLATE =
  /(^|\/)cdk\.out\/(?:[^/]+\/)*[^/]+\.template\.json$/;

export const cdkClaim: AdapterClaim = {
  format: 'cdk',
  fileNamePattern:
    /(^|\/)cdk\.json$|\.(?:[cm]?[jt]s|tsx)$|(^|\/)cdk\.out\/(?:[^/]+\/)*[^/]+\.template\.json$/,
  // The aws-cdk-lib version a lockfile installs gives constructs their defaults; an AppSync resolver's VTL template
  // (`MappingTemplate.fromFile`) says how it invokes a function; a cloud assembly's manifest, the tags of the stacks
  // of synthesized templates.
  companionFileNamePattern: new RegExp(
    `${LOCKFILE_NAME.source}|\\.vtl$|(^|/)cdk\\.out/(?:[^/]+/)*manifest\\.json$`,
  ),
  program: {
    projectFileNamePattern: PROJECT_FILE,
    moduleFileNamePattern: PROGRAM_FILE,
  },

  accepts(file: SourceFile): boolean {
    return (
      PROJECT_FILE.test(file.path) ||
      SYNTHESIZED_TEMPLATE.test(file.path) ||
      (PROGRAM_FILE.test(file.path) && USES_CDK.test(file.text))
    );
  },
};
