/**
 * AWS CDK apps in TypeScript or JavaScript: a folder with a `cdk.json`
 * whose `app` command runs a TypeScript/JavaScript entry point, or, outside
 * such folders, a module that creates a CDK `App` (./appsWithoutProjectFile). The app is
 * read statically with the same evaluator as Pulumi programs; what its
 * constructs synthesize to is modelled in ./constructs. One graph per stack,
 * as CDK synthesizes a template per stack.
 * When the app's `cdk.out/` holds synthesized templates, those are read
 * instead (./synthesized): they are what is deployed.
 */
import { posix } from 'node:path';
import { ResourceGraph } from '../../graph/ResourceGraph';
import { DocumentParseError, parseYaml } from '../../documents/parseYaml';
import {
  Adapter,
  LoadResult,
  ReadCompanionFile,
  ReportPath,
  SourceFile,
} from '../types';
import {
  PROGRAM_FILE,
  ProgramFiles,
  withoutLinkedPrograms,
} from '../programFiles';
import { declaredRange, installedRange } from '../packageManifest';
import { Steps, runSteps } from '../../support/steps';
import {
  Interpreter,
  JsValue,
  ResourceHandle,
  asResources,
} from '../pulumi/interpreter';
import { copyLines } from '../../graph/locations';
import { CdkModel, SynthesisSettings } from './constructs';
import { valueAsCdk, writtenAsCdk } from './propertyNames';
import { suppressionsAt } from '../cloudformation/suppressions';
import { loadSynthesized } from './synthesized';
import { PROJECT_FILE, SYNTHESIZED_TEMPLATE, cdkClaim } from './claim';
import { folderOf } from '../../support/paths';
import {
  appCreation,
  appsWithoutProjectFile,
  codeInNoApp,
} from './appsWithoutProjectFile';
import { SkippedFile } from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** The feature flag that gives each function a log group CDK manages. */
const CDK_MANAGED_LOG_GROUPS = '@aws-cdk/aws-lambda:useCdkManagedLogGroup';
/** The feature flag (cdk init sets it) under which a function's layers are sorted by their construct paths. */
const RECOGNIZE_LAYER_VERSION = '@aws-cdk/aws-lambda:recognizeLayerVersion';
/** The feature flag that gives a NodejsFunction without a runtime the latest Node.js one, not Node.js 16. */
const NODEJS_LATEST_RUNTIME =
  '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion';
/** The feature flag (on when not set) that gives each EvaluateExpression task a function of its own. */
const EVALUATE_EXPRESSION_DEDICATED_FUNCTION =
  '@aws-cdk/aws-stepfunctions-tasks:evaluateExpressionDedicatedFunction';
/** The feature flag (cdk init sets it) under which SNS may use a subscribed queue's key for the topic alone. */
const RESTRICT_SQS_DECRYPTION =
  '@aws-cdk/aws-sns-subscriptions:restrictSqsDescryption';
/** The feature flag under which `Tags.of` tags no stack. */
const EXPLICIT_STACK_TAGS = '@aws-cdk/core:explicitStackTags';
/** The feature flag under which a REST API makes no role for API Gateway to write logs with. */
const DISABLE_CLOUDWATCH_ROLE = '@aws-cdk/aws-apigateway:disableCloudWatchRole';
/** The feature flag under which ECS Exec grants no writing to log groups a cluster does not name. */
const REDUCE_EXECUTE_COMMAND_LOGGING =
  '@aws-cdk/aws-ecs:reduceEc2FargateCloudWatchPermissions';
/** The feature flag (cdk init sets it since 2.222) under which a network load balancer makes a security group. */
const NETWORK_LOAD_BALANCER_SECURITY_GROUP =
  '@aws-cdk/aws-elasticloadbalancingv2:networkLoadBalancerWithSecurityGroupByDefault';
/**
 * A word of a `cdk.json` app command that names the entry point
 * (`npx ts-node --prefer-ts-exts bin/app.ts`). Matched against whole words:
 * searched for inside the command, the pattern took time quadratic in the
 * length of a long word without an extension.
 */
const ENTRY_POINT = /^[\w./-]+\.(?:[cm]?[jt]s|tsx)$/;

export const cdkAdapter: Adapter = {
  ...cdkClaim,

  load(
    files: SourceFile[],
    readFile?: ReadCompanionFile,
    readScanned?: ReadCompanionFile,
    reportPath?: ReportPath,
  ): LoadResult {
    return runSteps(loadCdk(files, readFile, readScanned, reportPath));
  },

  loadInSteps: (files, readFile, readScanned, reportPath) =>
    loadCdk(files, readFile, readScanned, reportPath),
};

/** Reads the synthesized templates, then the apps that have none, pausing after each template and app. */
function* loadCdk(
  claimed: SourceFile[],
  readFile?: ReadCompanionFile,
  readScanned?: ReadCompanionFile,
  reportPath: ReportPath = file => file,
): Steps<LoadResult> {
  const files = withoutLinkedPrograms(claimed, PROJECT_FILE);
  const synthesized = files.filter(file =>
    SYNTHESIZED_TEMPLATE.test(file.path),
  );
  const result: LoadResult = { graphs: [], errors: [], files: [], skipped: [] };
  for (const file of synthesized) {
    const template = loadSynthesized([file], readFile);
    result.graphs.push(...template.graphs);
    result.errors.push(...template.errors);
    result.files.push(...template.files);
    result.skipped!.push(...(template.skipped ?? []));
    yield;
  }
  const synthesizedApps = new Set(
    synthesized.map(file => file.path.replace(/(^|\/)cdk\.out\/.*$/, '')),
  );
  const programFiles = new ProgramFiles(
    files,
    result,
    'cdk',
    readScanned,
    reportPath,
  );
  const projects = files.filter(file => PROJECT_FILE.test(file.path));
  const reads: AppRead[] = [];
  const readApp = (app: {
    project: string;
    folder: string;
    main: string;
    settings: ProjectSettings;
  }) => {
    reads.push(
      readSource(
        app,
        files,
        programFiles,
        result,
        reportPath,
        readFile,
        readScanned,
      ),
    );
  };
  for (const project of projects) {
    const folder = folderOf(project.path);
    if (synthesizedApps.has(folder)) continue;
    const settings = projectSettings(project, result);
    if (!settings || typeof settings.app !== 'string') continue;
    const app = settings.app;
    const entry = entryPoint(app);
    if (!entry) {
      const command = app.length > 80 ? `${app.slice(0, 77)}...` : app;
      result.skipped!.push({
        path: project.path,
        reason: `the CDK app runs \`${command}\`, which names no TypeScript or JavaScript entry point: only TypeScript and JavaScript apps are read`,
      });
      continue;
    }
    const main = folder
      ? `${folder}/${entry.replace(/^\.\//, '')}`
      : entry.replace(/^\.\//, '');
    // An entry point that imports no CDK package (`import { build } from '../lib/app'; build();`) is scanned all
    // the same, though the adapter is not given it.
    const scanned = (path: string) =>
      PROGRAM_FILE.test(path) &&
      (files.some(file => file.path === path) ||
        readScanned?.(path) !== undefined);
    const mainPath = scanned(main) ? main : main.replace(/\.js$/, '.ts');
    if (!scanned(mainPath)) {
      result.skipped!.push({
        path: project.path,
        reason: `the CDK app's entry point ${entry} is not among the scanned files`,
      });
      continue;
    }
    readApp({ project: project.path, folder, main: mainPath, settings });
    yield;
  }
  const projectFolders = projects.map(project => folderOf(project.path));
  const located = appsWithoutProjectFile(files, projectFolders, readScanned);
  for (const app of located) {
    if (synthesizedApps.has(app.folder)) continue;
    // Without a cdk.json, the app runs without its context: no feature flag is set.
    readApp({ ...app, settings: {} });
    yield;
  }
  // An app that made no App, though a function of a module it read makes one, did not call it: its stacks are not
  // read, unless another app read that module and made an App (a shared `createApp()`; a script that imports the
  // app's module for a constant): that app is where they are read.
  const madeAppReading = new Set(
    reads.filter(app => app.madeApp).flatMap(app => [...app.read]),
  );
  for (const app of reads) {
    const notCalled =
      app.appInFunction !== undefined &&
      !madeAppReading.has(app.appInFunction.path);
    if (notCalled) result.skipped!.push(app.appInFunction!);
    app.record(notCalled);
  }
  const read = new Set(
    (result.programs ?? []).flatMap(program => program.files),
  );
  result.skipped!.push(
    ...codeInNoApp(
      files,
      [...projectFolders, ...located.map(app => app.folder)],
      read,
      readScanned,
    ),
  );
  return result;
}

/** An app read from its source, listed with its graphs once every app is read ({@link AppRead.record}). */
interface AppRead {
  /** The modules it read. */
  read: ReadonlySet<string>;
  /** Whether it made its `App`. */
  madeApp: boolean;
  /** Where it made none, though a module it read makes one in a function: see {@link appInFunctionNotCalled}. */
  appInFunction?: SkippedFile;
  /** Lists the program and adds its graphs: read only in part where its code was, or where `appNotMade`. */
  record(appNotMade: boolean): void;
}

/** Reads an app from its source, from its entry point `main` on: one graph per stack. */
function readSource(
  app: {
    project: string;
    folder: string;
    main: string;
    settings: ProjectSettings;
  },
  files: SourceFile[],
  programFiles: ProgramFiles,
  result: LoadResult,
  reportPath: ReportPath,
  readFile?: ReadCompanionFile,
  readScanned?: ReadCompanionFile,
): AppRead {
  const { project, folder, main, settings } = app;
  const own = files.filter(
    file =>
      PROGRAM_FILE.test(file.path) &&
      (!folder || file.path.startsWith(`${folder}/`)),
  );
  const modules = programFiles.modules(own);
  // As FeatureFlags.isEnabled reads a flag the context sets: any truthy value (`"true"` too) turns it on.
  const enabled = (flag: string) => Boolean(settings.context?.[flag]);
  const model = new CdkModel(
    {
      cdkManagedLogGroups: enabled(CDK_MANAGED_LOG_GROUPS),
      recognizeLayerVersion: enabled(RECOGNIZE_LAYER_VERSION),
      explicitStackTags: enabled(EXPLICIT_STACK_TAGS),
      disableCloudWatchRole: enabled(DISABLE_CLOUDWATCH_ROLE),
      restrictSqsDecryption: enabled(RESTRICT_SQS_DECRYPTION),
      reduceExecuteCommandLogging: enabled(REDUCE_EXECUTE_COMMAND_LOGGING),
      networkLoadBalancerSecurityGroups: enabled(
        NETWORK_LOAD_BALANCER_SECURITY_GROUP,
      ),
      nodejsLatestRuntime: settings.context?.[NODEJS_LATEST_RUNTIME],
      // Not set, it behaves as set to true (its unconfiguredBehavesLike).
      evaluateExpressionDedicatedFunction:
        settings.context?.[EVALUATE_EXPRESSION_DEDICATED_FUNCTION] ===
          undefined || enabled(EVALUATE_EXPRESSION_DEDICATED_FUNCTION),
      cdkVersion: appCdkVersion(
        readScanned?.(folder ? `${folder}/package.json` : 'package.json'),
        readFile,
        folder,
      ),
    },
    (file, line) => suppressionsAt(modules.readFile(file) ?? '', line, '//'),
    appFile(folder, readFile),
  );
  const interpreter = new Interpreter({
    readFile: path => modules.readFile(path),
    readDataFile: readFile,
    workingFolder: folder,
    createResource: call => new ResourceHandle(call.nameText, call.pulumiType),
    output: () => undefined,
    defaultTags: () => undefined,
    parseError: (file, line, message) =>
      result.errors.push({ file, line, message, format: 'cdk' }),
    module: specifier => model.module(specifier),
    namespaceMember: path => model.namespaceMember(path),
    construct: (path, args, site) =>
      model.construct(
        path,
        args.map(arg => asResources(arg)),
        site,
      ),
    member: (object, name) => model.member(object, name),
    attributeMayBeUnset: (construct, name) =>
      model.attributeMayBeUnset(construct, name),
    memberOfUnknown: (object, name) => model.memberOfUnknown(object, name),
    memberOfToken: (value, name) => model.memberOfToken(value, name),
    memberOfText: (text, name) => model.memberOfText(text, name),
    memberNotSet: (object, name) => model.memberNotSet(object, name),
    itemOfUnknown: collection => model.itemOfUnknown(collection),
    callMethod: (object, name, args, site) =>
      model.callMethod(object, name, argumentsAsResources(args), site),
    setMember: (object, name, value, site) =>
      model.setMember(object, name, asResources(value), site),
    instance: (instance, args, site) => model.instance(instance, args, site),
    hostSuper: (instance, parent, readArguments, site) =>
      model.hostSuper(instance, parent, readArguments, site),
    unknownCall: (args, callee) => model.unknownCall(args, callee),
    alternativesNotKnown: values => model.alternativesNotKnown(values),
  });
  model.readLiteralsOf(interpreter);
  interpreter.runMain(main);
  if (interpreter.unreadRest)
    result.skipped!.push({ path: main, reason: interpreter.unreadRest });
  const codeUnread = interpreter.unreadRest !== undefined;
  const appInFunction =
    !codeUnread && !model.madeApp
      ? appInFunctionNotCalled(modules, main, reportPath)
      : undefined;
  const stacks = model.finish();
  const notModelled = model.constructsNotModelled;
  programFiles.fingerprintApart(
    folder,
    main,
    stacks.flatMap(stack => stack.resources),
    stacks.flatMap(stack => stack.outputs),
  );
  // Holds no reference to the interpreter, whose syntax trees would otherwise be kept until every app is read.
  const record = (appNotMade: boolean) => {
    const partlyRead = codeUnread || appNotMade;
    programFiles.addRead(
      modules,
      { project, main, partlyRead, notModelled },
      stacks.flatMap(stack => stack.resources),
    );
    for (const stack of stacks) {
      result.graphs.push(
        new ResourceGraph({
          file: main,
          format: 'cdk',
          resources: stack.resources,
          outputs: stack.outputs,
          unknownResourceTypes: stack.unknownTypes,
          conditionsMayHoldTogether: stack.conditionsMayHoldTogether,
          propertySpelling: writtenAsCdk,
          valueSpelling: valueAsCdk,
          partlyRead,
        }),
      );
    }
  };
  return { read: modules.read, madeApp: model.madeApp, appInFunction, record };
}

/**
 * A method call's arguments, each construct of the app's classes as the resource it is (see asResources), with the
 * line of each argument (see Interpreter.callArguments): `fn.addLayers(a, b)` over lines gives each layer its own.
 */
function argumentsAsResources(args: JsValue[]): JsValue[] {
  const resources = args.map(arg => asResources(arg));
  copyLines(args, resources);
  return resources;
}

/**
 * Reads a file the app's code names by a path relative to the folder cdk runs it in, its cdk.json's
 * (`MappingTemplate.fromFile('resolvers/start.vtl')`): one of the scanned tree, else none.
 */
function appFile(
  folder: string,
  readFile: ReadCompanionFile | undefined,
): ReadCompanionFile {
  return path =>
    readFile && !posix.isAbsolute(path)
      ? readFile(posix.join(folder, path))
      : undefined;
}

/**
 * Why an app read from `main` that made no `App` is read only in part, where a module it read creates one in a
 * function (`export function build()`) that nothing read called: the stacks made there are not read. Its caller may
 * be a module that imports no AWS CDK package, found only as the entry point a cdk.json names. The reason names
 * files by `reportPath`.
 */
function appInFunctionNotCalled(
  modules: {
    read: ReadonlySet<string>;
    readFile(path: string): string | undefined;
  },
  main: string,
  reportPath: ReportPath,
): SkippedFile | undefined {
  const path = [...modules.read].find(
    read =>
      appCreation({ path: read, text: modules.readFile(read) ?? '' }) ===
      'function',
  );
  if (path === undefined) return undefined;
  return {
    path,
    reason: `the CDK App is created in a function of ${reportPath(path)} that ${
      path === main ? 'it does' : `the code read from ${reportPath(main)} does`
    } not call: the stacks made there are not read (a module that calls it and imports no AWS CDK package is read only as the entry point a cdk.json names)`,
  };
}

/** What `cdk.json` says: the app command and the context (feature flags among it). */
interface ProjectSettings {
  app?: unknown;
  context?: Record<string, unknown>;
}

function projectSettings(
  project: SourceFile,
  result: LoadResult,
): ProjectSettings | undefined {
  try {
    const settings = parseYaml(project.text);
    if (typeof settings !== 'object' || settings === null) return undefined;
    const { app, context } = settings as ProjectSettings;
    return {
      app,
      context:
        typeof context === 'object' && context !== null ? context : undefined,
    };
  } catch (error) {
    if (!(error instanceof DocumentParseError)) throw error;
    result.errors.push({
      file: project.path,
      line: error.line,
      message: error.message,
      format: 'cdk',
    });
    return undefined;
  }
}

/**
 * The CDK version of the app of `folder`: the aws-cdk-lib version a lockfile
 * beside its `package.json` (or at the root of its workspace) installs,
 * else the lowest one the package.json
 * lets it run on (the first version of aws-cdk-lib's range: `^2.80.0`
 * allows 2.80.0); `v1` when it depends on `@aws-cdk/core` and not
 * aws-cdk-lib; undefined when it declares neither, or a range without a
 * full version (`2.x`, `latest`).
 */
function appCdkVersion(
  packageJson: string | undefined,
  readLockfile: ReadCompanionFile | undefined,
  folder: string,
): SynthesisSettings['cdkVersion'] {
  const range = installedRange(
    packageJson,
    readLockfile,
    folder,
    'aws-cdk-lib',
  );
  if (range !== undefined) {
    const version = /(\d+)\.(\d+)\.(\d+)/.exec(range);
    return version
      ? [Number(version[1]), Number(version[2]), Number(version[3])]
      : undefined;
  }
  return declaredRange(packageJson, '@aws-cdk/core') === undefined
    ? undefined
    : 'v1';
}

function entryPoint(app: string): string | undefined {
  return app
    .split(/\s+/)
    .map(word => word.replace(/^["']|["']$/g, ''))
    .find(word => ENTRY_POINT.test(word));
}
