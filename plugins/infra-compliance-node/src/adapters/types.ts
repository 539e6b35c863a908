import {
  IacFormat,
  ReadProgram,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { ResourceGraph } from '../graph/ResourceGraph';
import { Steps } from '../support/steps';

/** A text file found by discovery, read once. */
export interface SourceFile {
  /** Relative to the scanned root, forward slashes. */
  path: string;
  text: string;
  /**
   * Where symlinks to its folder, or to a folder above it, lead the scan to
   * it under another path (`a/q/main.tf`, `a/q -> ../shared/q`): the
   * folder's own path (`shared/q`; `.` for the root). The folder's paths
   * are one Terraform module, or one program's folder.
   */
  ownFolder?: string;
}

/** A file an adapter claimed but could not read, reported as PARSE-001. */
export interface LoadError {
  file: string;
  line: number;
  message: string;
  format: IacFormat;
  /**
   * The file was read anyway, as the deployment tool reads it (a duplicate
   * key: the last value is used): a mistake in it, not a parse failure.
   */
  readAnyway?: true;
  /**
   * The mistake rests on an input's default (a loop over a parameter's
   * default makes a key twice), which whoever deploys may override.
   */
  confidence?: 'partial';
}

export interface LoadResult {
  graphs: ResourceGraph[];
  errors: LoadError[];
  /** Files the adapter read, with their format and resource count. */
  files: { path: string; format: IacFormat; resources: number }[];
  /** What the adapter could not scan and says so (a Terraform module from a registry). */
  skipped?: { path: string; reason: string }[];
  /** The programs (CDK, Pulumi) the adapter ran, and what each read. */
  programs?: ReadProgram[];
}

/**
 * What a format's adapter needs to pick its files from the discovered ones
 * (by name and content), without the code that reads them: cheap to load.
 */
export interface AdapterClaim {
  readonly format: IacFormat;
  /** Names of files this format may be in: discovery reads only files some adapter names. */
  readonly fileNamePattern: RegExp;
  /**
   * Names of other files the code of this format commonly loads (the
   * policies a Terraform `file()` reads): read on demand, never scanned,
   * but a tree fetched for a scan must hold them.
   */
  readonly companionFileNamePattern?: RegExp;
  /**
   * For a format whose programs are read from an entry point on (CDK,
   * Pulumi): names of the project file that makes a folder a program and
   * names its entry point (`cdk.json`, `Pulumi.yaml`), and of the modules
   * programs are written in. When a project file or a module is skipped, or
   * a module does not parse, the scan may not have reached the modules of a
   * program it did not read.
   */
  readonly program?: {
    readonly projectFileNamePattern: RegExp;
    readonly moduleFileNamePattern: RegExp;
  };
  /**
   * For a format whose modules are folders (Terraform): a file of it given
   * by name is read with what a scan of its folder reads of this format
   * (the other files of its module, the local modules they call), since
   * alone it lacks what they declare.
   */
  readonly moduleIsFolder?: boolean;
  /**
   * For a format whose stacks a scan lets answer each other's failures
   * (CloudFormation: an alarm in a monitoring template answers ALM-001 of a
   * function in another): a file of it given by name is read with the files
   * of this format a scan of its folder reads, whose answers it would lack
   * alone.
   */
  readonly stacksAnswerEachOther?: boolean;
  /** Cheap test on the path and text: does this file belong to this format? */
  accepts(file: SourceFile): boolean;
}

/**
 * A format's claim on files, and its adapter, whose code (and the tables it
 * reads: CDK's construct types, Terraform's functions) is loaded on demand:
 * a scan loads only the adapters of the files it finds.
 */
export interface LazyAdapter extends AdapterClaim {
  /** The adapter, its code loaded by the first call. */
  loadAdapter(): Adapter;
}

/**
 * Turns one IaC format into resource graphs. Each adapter picks its files
 * from the discovered ones (as its claim says) and groups them into stacks.
 */
export interface Adapter extends AdapterClaim {
  /**
   * Splits the accepted files into groups that load independently (one
   * CloudFormation template each), so that the engine can evaluate and drop
   * each group's graphs before reading the next. Without it, all files are
   * one group (a Terraform module may span directories).
   */
  stacks?(files: SourceFile[]): SourceFile[][];
  /**
   * Loads the accepted files; never throws for bad input, reports it.
   * `readFile` reads other files of the scanned tree that the code names
   * (a policy a Terraform `file()` loads). `readScanned` reads only the
   * files the scan itself takes in, whichever adapter accepts them (a
   * CDK app's `config.ts`, which imports no CDK package): never one its
   * paths or ignored folders leave out. `reportPath` names a file as the
   * report does, where not by its path as read (see
   * EvaluationOptions.reportPath), in the reasons it skips files for, and
   * a program's folder in the ids it fingerprints findings by (see
   * ProgramFiles.fingerprintApart).
   */
  load(
    files: SourceFile[],
    readFile?: ReadCompanionFile,
    readScanned?: ReadCompanionFile,
    reportPath?: ReportPath,
  ): LoadResult;
  /**
   * `load` in steps, for a group that is long to load (a Terraform tree
   * read as one): pauses after each file parsed and each stack built, so
   * that the engine can give the event loop a turn in between.
   */
  loadInSteps?(
    files: SourceFile[],
    readFile?: ReadCompanionFile,
    readScanned?: ReadCompanionFile,
    reportPath?: ReportPath,
  ): Steps<LoadResult>;
}

/** How the report names a file an adapter reads under `path` (see EvaluationOptions.reportPath). */
export type ReportPath = (path: string) => string;

/**
 * Reads a file of the scanned tree by its path relative to the scanned root
 * (`policies/read.json`); undefined when it is missing, outside the root,
 * binary, not UTF-8 or too large to be a policy or a definition.
 */
export type ReadCompanionFile = (path: string) => string | undefined;
