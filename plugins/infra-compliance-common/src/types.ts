/** How bad a failure is. `critical`: the stack breaks or data is lost. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Severities from worst to mildest. */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/** The rule categories of the catalog; `parsing` holds PARSE-001. */
export type Category =
  | 'dlq'
  | 'alarms'
  | 'encryption'
  | 'iam'
  | 'logging'
  | 'operations'
  | 'parsing';

/** Categories in display order, with their human titles. */
export const CATEGORIES: readonly { id: Category; title: string }[] = [
  { id: 'dlq', title: 'Dead-letter queues' },
  { id: 'alarms', title: 'Alarms' },
  { id: 'encryption', title: 'Encryption' },
  { id: 'iam', title: 'IAM scoping' },
  { id: 'logging', title: 'Logging' },
  { id: 'operations', title: 'Operations' },
  { id: 'parsing', title: 'Parsing' },
];

/** The five categories every fixed example must be clean in. */
export const CORE_CATEGORIES: readonly Category[] = [
  'dlq',
  'alarms',
  'encryption',
  'iam',
  'logging',
];

/** Infrastructure-as-code formats the engine reads. */
export type IacFormat = 'cloudformation' | 'terraform' | 'pulumi' | 'cdk';

export const IAC_FORMATS: readonly IacFormat[] = [
  'cloudformation',
  'terraform',
  'pulumi',
  'cdk',
];

/** Each format's name, as people write it. */
export const IAC_FORMAT_TITLES: Readonly<Record<IacFormat, string>> = {
  cloudformation: 'CloudFormation',
  terraform: 'Terraform',
  pulumi: 'Pulumi',
  cdk: 'CDK',
};

/** What a rule says about itself: shown in reports, SARIF and the UI. */
export interface RuleMetadata {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  /** Why the failure matters. */
  rationale: string;
  remediation: {
    /** What to change, in one or two sentences. */
    summary: string;
    /** A fixed snippet per format the rule applies to. */
    snippets: Partial<Record<IacFormat, string>>;
  };
  /** The seed review the rule comes from (file and failure heading). */
  seeds: string[];
  /** Formats that can express what the rule checks. */
  formats: readonly IacFormat[];
}

/** How sure the engine is of a finding. */
export type Confidence = 'high' | 'partial';

/** An in-code suppression that applies to a finding. */
export interface FindingSuppression {
  kind: 'inline';
  reason: string;
}

/** One failure of one rule on one resource (or one property of it). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  category: Category;
  /** Path relative to the scanned root, with forward slashes. */
  file: string;
  /** 1-based line of the offending property, or of the resource. */
  line: number;
  resourceId: string;
  resourceType: string;
  /** Dotted path of the offending property inside the resource, if any. */
  property?: string;
  message: string;
  remediation: string;
  /**
   * Set when the finding is about a resource the format generates from the
   * one the author wrote (a SAM event's mapping, a function's implicit
   * role): that resource's own id. `resourceId` is the id written in the
   * code; several generated resources may share it.
   */
  generatedResourceId?: string;
  /** Stable across scans while the finding is the same: rule + file + resource + property. */
  fingerprint: string;
  confidence: Confidence;
  format: IacFormat;
  suppressed?: FindingSuppression;
  /**
   * Set by the CLI when given `--baseline`: `unchanged` when the baseline
   * report already had the finding (same fingerprint), `new` otherwise (SARIF's
   * terms).
   */
  baselineState?: 'new' | 'unchanged';
}

/** A file the engine read as infrastructure code. */
export interface ScannedFile {
  path: string;
  format: IacFormat;
  resources: number;
}

/**
 * A CDK app or Pulumi program the engine ran from its entry point, and the
 * files it read: a program's findings come from those files alone.
 */
export interface ReadProgram {
  format: IacFormat;
  /**
   * Its project file (`cdk.json`, `Pulumi.yaml`): the program's own files are
   * in its folder. A CDK app without a `cdk.json` has the `package.json` of
   * its package, else its entry point.
   */
  project: string;
  /** Its entry point (main module), as in `files`. */
  main: string;
  /**
   * Every file it read, sorted: its entry point, and the modules it imports,
   * those that declare nothing included (which `files` leaves out).
   */
  files: string[];
  /**
   * Set when the program was read only in part (it takes more steps than
   * the engine runs): what the rest declares is not in the report. The
   * reason is in `skipped`, on its entry point.
   */
  partlyRead?: true;
  /**
   * What the program creates that the engine does not model, by type, sorted,
   * with how many of each it creates (a loop whose rounds are not known
   * statically counting as one round): what they make is not in the report,
   * and is not judged. Absent when there is nothing. For a CDK app, the
   * constructs of the AWS CDK (aws-cdk-lib and its alpha modules), by class
   * as imported (`aws-ec2.Instance`; one of the core module by its name alone):
   * classes that make no resource (`iam.PolicyStatement`, `Stage`) and the
   * app's own classes, whose code is read, are not listed; nor are L1
   * (`Cfn*`) constructs, which the engine models as their CloudFormation
   * resource (but SAM's, and those of a module newer than the engine's table
   * of them), nor a `CfnResource` of a type known statically (one of a type
   * not known statically, or of SAM's, is: `CfnResource`). For a
   * Pulumi program, the resources of @pulumi/aws of types not modelled, by
   * class (`aws.ec2.Vpc`).
   */
  notModelled?: { type: string; count: number }[];
}

/** A file the engine passed over, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
  /**
   * The engine failed on the file (a bug in it, the reason says which
   * error): the scan went on with the other files. The CLI exits with 3.
   */
  internalError?: true;
}

/** A category's score: `score` is null when no check applies ("not applicable"). */
export interface CategoryScore {
  score: number | null;
  passed: number;
  failed: number;
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export interface Scorecard {
  /** Null when no check applies to anything in the tree. */
  grade: Grade | null;
  score: number | null;
  categories: Partial<Record<Category, CategoryScore>>;
}

/** One rule applied to one resource: the unit the scorecard counts. */
export interface Check {
  ruleId: string;
  category: Category;
  severity: Severity;
  passed: boolean;
  /** The file of the resource checked, where the engine knows it (reports of several trees merge by file). */
  file?: string;
}

/**
 * An in-code suppression that suppressed nothing in the scan: its rule ran
 * and judged what it is written on, in every reading of the stack, and
 * found no failure there (the failure was fixed). Stale, it would hide a
 * later regression: remove it.
 */
export interface UnusedSuppression {
  /** The file the suppression is written in. */
  file: string;
  /** The line of the suppression itself (its `Metadata` entry or its comment). */
  line: number;
  /** What it is written on: a resource, an output, a module call, a CDK construct. */
  resourceId: string;
  ruleId: string;
  /**
   * Set by the CLI when given `--baseline`: `unchanged` when the baseline
   * report listed it too (same rule, file and resource: not the line), `new`
   * otherwise.
   */
  baselineState?: 'new' | 'unchanged';
}

/**
 * What a scan's config (`.infra-compliance.yaml`) says that is odd but not
 * wrong (a rule `rules.disable` names twice): the scan goes on with it.
 */
export interface ConfigWarning {
  /**
   * The config file, relative to the scanned tree as a finding's file is
   * (`.infra-compliance.yaml`); as given, of a config the CLI is given.
   */
  file: string;
  /** The line of what the warning is about, where it is known (1-based). */
  line?: number;
  /** What is odd, without the file and line (`rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough`). */
  message: string;
}

/** The JSON report of a scan (`--format json`, and what the backend stores). */
export interface ScanReport {
  version: 1;
  files: ScannedFile[];
  skipped: SkippedFile[];
  /** The programs (CDK, Pulumi) the scan ran, by entry point; absent from reports of engines before it. */
  programs?: ReadProgram[];
  findings: Finding[];
  /**
   * The in-code suppressions that suppressed nothing (see
   * {@link UnusedSuppression}), sorted by file and line; absent from
   * reports of engines before it.
   */
  unusedSuppressions?: UnusedSuppression[];
  scorecard: Scorecard;
}
