/**
 * CDK apps without a `cdk.json`: an app run with `cdk --app 'ts-node bin/app.ts'`,
 * or a repository that leaves the file out. Such an app is found by its entry
 * point, the module that creates the CDK `App` (`new cdk.App()`, in
 * `bin/*.ts` as `cdk init` lays it out), or, where it creates it only in a
 * function (`export function build()`), the AWS CDK modules that import it,
 * which call it; a module under a `cdk.json` is that
 * app's, read from the entry point the `cdk.json` names. The AWS CDK code in
 * no app found is listed as skipped, with why: a construct library alone, or
 * an app whose entry point is not in the scanned tree, is not read.
 */
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type * as TypeScript from 'typescript';
import { SkippedFile } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { ReadCompanionFile, SourceFile } from '../types';
import { PROGRAM_FILE } from '../programFiles';
import { folderOf } from '../../support/paths';
import { isStackOverflow } from '../../support/stackOverflow';
import { modulePaths } from '../pulumi/interpreter';
import { addToList } from '../../support/multiMap';

let ts: typeof TypeScript;

/** The packages whose `App` is a CDK app (v2, v1). */
const CDK_CORE = new Set(['aws-cdk-lib', '@aws-cdk/core']);
/** A module that imports an AWS CDK package (not `constructs` alone, which cdktf and cdk8s import too). */
const IMPORTS_AWS_CDK =
  /['"](?:aws-cdk-lib|@aws-cdk\/[a-z-]+)(?:\/[a-z0-9-]+)?['"]/;
/**
 * Tests and their folders: a test creates an `App` to synthesize a stack, and
 * is no app; so does an integration test (`integ.*.ts` as the AWS CDK names
 * them, `*.integ.ts` as projen does), which deploys its stack to test it.
 */
const TEST_FILE =
  /(^|\/)(?:test|tests|__tests__)\/|\.(?:test|spec|integ)\.[cm]?[jt]sx?$|(^|\/)integ\.[^/]+$/;
const PULUMI_PROJECT_FILES = ['Pulumi.yaml', 'Pulumi.yml'];
const JAVASCRIPT = /\.[cm]?js$/;
/** What `tsc` (or another compiler) writes into a CommonJS module, or the source map comment it ends with. */
const COMPILED =
  /\bObject\.defineProperty\(exports, ["']__esModule["']|^\/\/# sourceMappingURL=/m;

/**
 * Why AWS CDK code of no app is skipped: no program the scan read imports it
 * (it would then have been read), whatever else it holds back.
 */
export const CODE_OF_NO_APP =
  'AWS CDK code of no app found (no cdk.json above it, and no module that creates a CDK App imports it): not read';

/** A CDK app found by its entry point. */
export interface AppWithoutProjectFile {
  /** The `package.json` of the package the entry point is in, else the entry point itself. */
  project: string;
  /** The app's folder: its package's, else its entry point's. */
  folder: string;
  main: string;
}

/**
 * The apps of the modules outside every folder of `projectFolders` (those
 * with a `cdk.json`), by entry point. A JavaScript module beside a
 * TypeScript one of its name is what `tsc` compiled from it, not another app;
 * so is compiled JavaScript in a package with a TypeScript entry point of its
 * name (`dist/bin/app.js` of `bin/app.ts`, in the package's `outDir`).
 */
export function appsWithoutProjectFile(
  files: readonly SourceFile[],
  projectFolders: readonly string[],
  readScanned?: ReadCompanionFile,
): AppWithoutProjectFile[] {
  const paths = new Set(files.map(file => file.path));
  const modules = files
    .filter(
      file =>
        PROGRAM_FILE.test(file.path) &&
        !TEST_FILE.test(file.path) &&
        !isInAny(file.path, projectFolders),
    )
    .filter(
      file =>
        !/\.js$/.test(file.path) ||
        !paths.has(file.path.replace(/\.js$/, '.ts')),
    );
  const creations = new Map(modules.map(file => [file, appCreation(file)]));
  const callers = callersOfAppFunctions(
    modules,
    modules.filter(file => creations.get(file) === 'function'),
  );
  const apps = [
    ...new Set(
      modules.flatMap(
        file => callers.get(file) ?? (creations.get(file) ? [file] : []),
      ),
    ),
  ].map(file => {
    const packageJson = nearestFile(
      folderOf(file.path),
      ['package.json'],
      readScanned,
    );
    return {
      project: packageJson ?? file.path,
      folder: folderOf(packageJson ?? file.path),
      main: file.path,
      compiled: JAVASCRIPT.test(file.path) && COMPILED.test(file.text),
    };
  });
  const typeScriptEntries = new Set(
    apps
      .filter(app => !JAVASCRIPT.test(app.main))
      .map(app => `${app.project}\u0000${moduleName(app.main)}`),
  );
  return apps
    .filter(
      app =>
        !app.compiled ||
        !typeScriptEntries.has(`${app.project}\u0000${moduleName(app.main)}`),
    )
    .map(({ project, folder, main }) => ({ project, folder, main }));
}

/** A module's file name without its extension (`app` of `bin/app.ts`). */
function moduleName(path: string): string {
  return posix.basename(path).replace(/\.[^.]+$/, '');
}

/**
 * The AWS CDK modules in no app's folder (those of `appFolders`) that no
 * app read, tests left out. A module in a Pulumi project's folder is that
 * program's (Pulumi's CDK interop, `@pulumi/cdk`): Pulumi reads it, or says
 * why not.
 */
export function codeInNoApp(
  files: readonly SourceFile[],
  appFolders: readonly string[],
  read: ReadonlySet<string>,
  readScanned?: ReadCompanionFile,
): SkippedFile[] {
  return files
    .filter(
      file =>
        PROGRAM_FILE.test(file.path) &&
        IMPORTS_AWS_CDK.test(file.text) &&
        !TEST_FILE.test(file.path),
    )
    .filter(file => !read.has(file.path) && !isInAny(file.path, appFolders))
    .filter(
      file =>
        !nearestFile(folderOf(file.path), PULUMI_PROJECT_FILES, readScanned),
    )
    .map(file => ({ path: file.path, reason: CODE_OF_NO_APP }));
}

function isInAny(path: string, folders: readonly string[]): boolean {
  return folders.some(folder => folder === '' || path.startsWith(`${folder}/`));
}

/** The file of one of `names` nearest above `folder` among the scanned files, if any. */
function nearestFile(
  folder: string,
  names: readonly string[],
  readScanned?: ReadCompanionFile,
): string | undefined {
  for (
    let at: string | undefined = folder;
    at !== undefined;
    at = at === '' ? undefined : folderOf(at)
  ) {
    for (const name of names) {
      const file = posix.join(at, name);
      if (readScanned?.(file) !== undefined) return file;
    }
  }
  return undefined;
}

/**
 * The entry points of the apps whose `App` a module of `inFunctions` creates only in a function (`export function
 * build()`), by that module: the modules of `modules` above it that no other imports, up the imports from it, which
 * call it (`import { build } from '../lib/app'; build();`). None for a module that no other imports: it is the entry
 * point, which may call its function itself (`main()`). A caller that imports no AWS CDK package is not among
 * `modules`: the app is then read from the module, and reported as partly read when its App is not made (./index).
 */
function callersOfAppFunctions(
  modules: readonly SourceFile[],
  inFunctions: readonly SourceFile[],
): Map<SourceFile, SourceFile[]> {
  const callers = new Map<SourceFile, SourceFile[]>();
  if (inFunctions.length === 0) return callers;
  const byPath = new Map(modules.map(file => [file.path, file]));
  const importers = new Map<SourceFile, SourceFile[]>();
  ts ??= createRequire(__filename)('typescript');
  for (const importer of modules) {
    for (const { fileName } of ts.preProcessFile(importer.text, true, true)
      .importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const imported = modulePaths(importer.path, fileName, 'require')
        .map(path => byPath.get(path))
        .find(file => file !== undefined);
      if (imported && imported !== importer)
        addToList(importers, imported, importer);
    }
  }
  for (const module of inFunctions) {
    const entries: SourceFile[] = [];
    const seen = new Set([module]);
    for (let above = importers.get(module) ?? []; above.length > 0; ) {
      const next: SourceFile[] = [];
      for (const file of above.filter(candidate => !seen.has(candidate))) {
        seen.add(file);
        if (importers.has(file)) next.push(...importers.get(file)!);
        else entries.push(file);
      }
      above = next;
    }
    if (entries.length > 0) callers.set(module, entries);
  }
  return callers;
}

/**
 * Where a module creates a CDK `App`, if it does: as it runs (`module`), or only in the functions it declares
 * (`function`), which run when it or another module calls them. An App is `new cdk.App()` of a namespace or default
 * import (or `require`) of aws-cdk-lib or @aws-cdk/core, or `new App()` of its named import, read from the syntax,
 * not the text: an example in a comment creates nothing.
 */
export function appCreation(
  file: SourceFile,
): 'module' | 'function' | undefined {
  if (!/\bApp\b/.test(file.text)) return undefined;
  ts ??= createRequire(__filename)('typescript');
  try {
    return appCreationIn(
      ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest),
    );
  } catch (error) {
    // Nested thousands deep: no entry point of an app (its code is then listed as not read).
    if (!isStackOverflow(error)) throw error;
    return undefined;
  }
}

function appCreationIn(
  source: TypeScript.SourceFile,
): 'module' | 'function' | undefined {
  const namespaces = new Set<string>();
  const appClasses = new Set<string>();
  const bind = (name: TypeScript.BindingName) => {
    if (ts.isIdentifier(name)) namespaces.add(name.text);
    else if (ts.isObjectBindingPattern(name)) {
      for (const element of name.elements) {
        const imported = element.propertyName ?? element.name;
        if (
          ts.isIdentifier(imported) &&
          imported.text === 'App' &&
          ts.isIdentifier(element.name)
        )
          appClasses.add(element.name.text);
      }
    }
  };
  const isCdkCore = (specifier: TypeScript.Node | undefined) =>
    !!specifier &&
    ts.isStringLiteral(specifier) &&
    CDK_CORE.has(specifier.text);
  for (const statement of source.statements) {
    if (
      ts.isImportDeclaration(statement) &&
      isCdkCore(statement.moduleSpecifier)
    ) {
      const clause = statement.importClause;
      if (clause?.name) namespaces.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings))
        namespaces.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements)
          if ((element.propertyName ?? element.name).text === 'App')
            appClasses.add(element.name.text);
      }
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      isCdkCore(statement.moduleReference.expression)
    ) {
      namespaces.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (
          init &&
          ts.isCallExpression(init) &&
          ts.isIdentifier(init.expression) &&
          init.expression.text === 'require' &&
          isCdkCore(init.arguments[0])
        )
          bind(declaration.name);
      }
    }
  }
  if (namespaces.size === 0 && appClasses.size === 0) return undefined;
  const isApp = (expression: TypeScript.Expression) =>
    (ts.isIdentifier(expression) && appClasses.has(expression.text)) ||
    (ts.isPropertyAccessExpression(expression) &&
      expression.name.text === 'App' &&
      ts.isIdentifier(expression.expression) &&
      namespaces.has(expression.expression.text));
  let found: 'module' | 'function' | undefined;
  // True, to stop, at an App made as the module runs.
  const visit = (node: TypeScript.Node, inFunction: boolean): boolean => {
    if (ts.isNewExpression(node) && isApp(node.expression))
      found = inFunction ? 'function' : 'module';
    if (found === 'module') return true;
    // A field's initializer runs as its class is instantiated (`readonly app = new cdk.App()`), a static one's as it is defined.
    const below =
      inFunction ||
      ts.isFunctionLike(node) ||
      (ts.isPropertyDeclaration(node) &&
        !(ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Static));
    return !!ts.forEachChild(node, child => visit(child, below));
  };
  visit(source, false);
  return found;
}
