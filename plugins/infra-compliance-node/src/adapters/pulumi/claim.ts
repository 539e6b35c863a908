/**
 * Which files are Pulumi's: project and stack files, YAML programs, and any
 * TypeScript or JavaScript module, which may be part of a program.
 */
import { AdapterClaim, SourceFile } from '../types';
import { PROGRAM_FILE } from '../programFiles';
import { LOCKFILE_NAME } from '../lockfiles';

export const PROJECT_FILE = /(^|\/)Pulumi\.ya?ml$/;
/** `Pulumi.<stack>.yaml`: a stack's configuration. */
export const STACK_FILE = /(^|\/)Pulumi\.[^/]+\.ya?ml$/;
/** A Pulumi YAML program kept apart from its project file. */
export const YAML_PROGRAM_FILE = /(^|\/)Main\.ya?ml$/;

export const pulumiClaim: AdapterClaim = {
  format: 'pulumi',
  fileNamePattern:
    /(^|\/)(?:Pulumi(\.[^/]+)?|Main)\.ya?ml$|\.(?:[cm]?[jt]s|tsx)$/,
  // The @pulumi/aws version a lockfile installs gives a CallbackFunction its default runtime.
  companionFileNamePattern: LOCKFILE_NAME,
  program: {
    projectFileNamePattern: PROJECT_FILE,
    moduleFileNamePattern: PROGRAM_FILE,
  },

  // Any module may be part of a program (a main module need not import
  // Pulumi itself); load() reads only those under a nodejs project's folder.
  accepts(file: SourceFile): boolean {
    return (
      PROJECT_FILE.test(file.path) ||
      STACK_FILE.test(file.path) ||
      YAML_PROGRAM_FILE.test(file.path) ||
      PROGRAM_FILE.test(file.path)
    );
  },
};
