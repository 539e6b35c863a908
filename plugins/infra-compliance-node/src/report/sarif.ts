/**
 * SARIF 2.1.0 output for code scanning tools (GitHub code scanning, Azure
 * DevOps, IDE viewers): one run, the rules that ran with their full
 * metadata, one result per finding (PARSE-001 included), in-code
 * suppressions as `inSource` suppressions; skipped files, and what programs
 * make that is not modelled (not judged), as notes of the invocation.
 * Suppressions that suppressed nothing are notes about the tool's
 * configuration (`toolConfigurationNotifications`, SARIF 2.1.0 §3.20.22:
 * in-source suppressions configure the analysis), not results: a result
 * is a rule's verdict on the code, and a code-scanning viewer would track
 * each stale comment as an alert of no rule.
 */
import { pathToFileURL } from 'node:url';
import {
  Finding,
  IAC_FORMAT_TITLES,
  IacFormat,
  RULE_CATALOG,
  RuleMetadata,
  ScanReport,
  Severity,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import packageJson from '../../package.json';
import { realPathOf } from '../support/paths';
import { notModelledText, programsNotModelled } from './notModelled';
import { NamedInReport, pathsFromRoot } from './pathFromRoot';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';

/** Key of the finding's fingerprint in `partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = 'infraCompliance/v1';

export const SARIF_TOOL_NAME = 'infra-compliance';

const DEFAULT_INFORMATION_URI =
  'https://www.npmjs.com/package/@infra-compliance/backstage-plugin-infra-compliance-node';

export interface SarifOptions {
  /**
   * Ids of the rules the scan ran; they make up `tool.driver.rules` (rules
   * with results are always added). Default: the whole catalog.
   */
  rules?: readonly string[];
  /**
   * Absolute directory the finding paths are relative to; written as
   * `originalUriBaseIds["%SRCROOT%"]` (unless `repositoryRoot`). Without
   * it, viewers resolve `%SRCROOT%` themselves (GitHub uses the repository
   * root).
   */
  srcRoot?: string;
  /**
   * Absolute root of the repository `srcRoot` is in (only with `srcRoot`):
   * URIs are written relative to it instead, and it is `%SRCROOT%`. GitHub
   * code scanning reads a relative URI from the repository's root whatever
   * `originalUriBaseIds` says, so a scan of a subfolder must name its files
   * from there.
   */
  repositoryRoot?: string;
  /**
   * `originalUriBaseIds["%SRCROOT%"]` when the root is not a local
   * directory: a base URL ending in `/`, or only a description when there
   * is none to give (the backend's export: the repository's source
   * location). `srcRoot` takes precedence.
   */
  srcRootLocation?: SarifBaseLocation;
  /**
   * The folder below `srcRootLocation` the report's paths are relative to
   * (`/`-separated, ending in `/`), which their URIs start with: the
   * backend's export of a source location in a repository's subfolder,
   * named from the repository's root as GitHub code scanning reads it.
   */
  srcRootFolder?: string;
  /**
   * How many more programs make what is not modelled than the report's
   * `programs` list (the backend's coverage lists the first 100): a note
   * after theirs counts them.
   */
  programsNotListed?: number;
  /**
   * How many more files were skipped than the report's `skipped` list names
   * (the backend's coverage lists the first 100): a note after theirs
   * counts them.
   */
  filesNotListed?: number;
  /** `tool.driver.informationUri`. */
  informationUri?: string;
  /** `tool.driver.version`; default: this package's version. */
  toolVersion?: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

/** The subset of the SARIF 2.1.0 object model this module writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: {
    driver: {
      name: string;
      version: string;
      semanticVersion: string;
      informationUri: string;
      rules: SarifRule[];
    };
  };
  originalUriBaseIds?: Record<string, SarifBaseLocation>;
  invocations: {
    executionSuccessful: boolean;
    toolExecutionNotifications?: SarifNotification[];
    toolConfigurationNotifications?: SarifNotification[];
  }[];
  results: SarifResult[];
}

/** A base id's location: a URI ending in `/`, or only a description of a root viewers cannot reach. */
export interface SarifBaseLocation {
  uri?: string;
  description?: { text: string };
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: {
    tags: string[];
    'security-severity': string;
    precision: string;
  };
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifLocation {
  physicalLocation: {
    /** Relative to `uriBaseId`; a file outside that directory has an absolute `file:` URI and no base. */
    artifactLocation: SarifArtifactLocation;
    region?: { startLine: number };
  };
  logicalLocations?: { name: string; kind: string }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource'; justification: string }[];
  baselineState?: 'new' | 'unchanged';
  properties: Record<string, string>;
}

export interface SarifNotification {
  level: SarifLevel;
  message: { text: string };
  locations?: SarifLocation[];
}

const LEVELS: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** GitHub code scanning reads these as critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low below. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

const SNIPPET_LANGUAGE: Record<IacFormat, string> = {
  cloudformation: 'yaml',
  terraform: 'hcl',
  pulumi: 'typescript',
  cdk: 'typescript',
};

/** The SARIF 2.1.0 log of a scan. */
export function toSarif(
  result: ScanReport,
  options: SarifOptions = {},
): SarifLog {
  const rules = rulesOf(result.findings, options.rules);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const version = options.toolVersion ?? packageJson.version;
  // Real paths: a file reached through a symlink is named where it is (in the repository, or out of it).
  const uriRoot =
    options.srcRoot && realPathOf(options.repositoryRoot ?? options.srcRoot);
  const srcRootLocation = uriRoot
    ? { uri: directoryUri(uriRoot) }
    : options.srcRootLocation;
  // The folder goes with srcRootLocation, which srcRoot overrides.
  const folder = options.srcRoot ? '' : options.srcRootFolder ?? '';
  const fromRoot =
    options.srcRoot && uriRoot
      ? pathsFromRoot(options.srcRoot, uriRoot)
      : undefined;
  const locate = (file: string, named?: NamedInReport) =>
    artifactLocation(`${folder}${file}`, fromRoot, named);

  const notifications = [
    ...result.skipped.map(
      (skipped): SarifNotification => ({
        // The engine failed on it: SARIF's level for a failure of the tool's own.
        level: skipped.internalError ? 'error' : 'note',
        message: { text: `Skipped ${skipped.path}: ${skipped.reason}` },
        locations: [fileLocation(locate(skipped.path, 'skipped'))],
      }),
    ),
    ...(options.filesNotListed
      ? [
          {
            level: 'note' as const,
            message: {
              text: `… and ${options.filesNotListed} more ${
                options.filesNotListed === 1 ? 'file' : 'files'
              } skipped`,
            },
          },
        ]
      : []),
    ...programsNotModelled(result).map(
      (program): SarifNotification => ({
        level: 'note',
        message: {
          text: `${program.main} (${
            IAC_FORMAT_TITLES[program.format]
          }): not modelled, not judged: ${notModelledText(
            program.format,
            program.notModelled,
          )}`,
        },
        locations: [fileLocation(locate(program.main))],
      }),
    ),
    ...(options.programsNotListed
      ? [
          {
            level: 'note' as const,
            message: {
              text: `… and ${options.programsNotListed} more ${
                options.programsNotListed === 1
                  ? 'program that makes'
                  : 'programs that make'
              } what is not modelled, not judged`,
            },
          },
        ]
      : []),
  ];
  const unusedSuppressions = (result.unusedSuppressions ?? []).map(
    (unused): SarifNotification => ({
      level: 'note',
      message: {
        text: `Unused suppression of ${unused.ruleId} on ${unused.resourceId}: the rule judged it and found nothing to suppress; remove it.`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: locate(unused.file),
            region: { startLine: unused.line },
          },
        },
      ],
    }),
  );
  const run: SarifRun = {
    tool: {
      driver: {
        name: SARIF_TOOL_NAME,
        version,
        semanticVersion: version,
        informationUri: options.informationUri ?? DEFAULT_INFORMATION_URI,
        rules: rules.map(toSarifRule),
      },
    },
    ...(srcRootLocation
      ? { originalUriBaseIds: { '%SRCROOT%': srcRootLocation } }
      : {}),
    invocations: [
      {
        executionSuccessful: !result.skipped.some(file => file.internalError),
        ...(notifications.length > 0
          ? { toolExecutionNotifications: notifications }
          : {}),
        ...(unusedSuppressions.length > 0
          ? { toolConfigurationNotifications: unusedSuppressions }
          : {}),
      },
    ],
    results: result.findings.map(finding =>
      toSarifResult(
        finding,
        ruleIndex.get(finding.ruleId)!,
        locate(finding.file),
      ),
    ),
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/**
 * GitHub code scanning's limits on the results of a run ("SARIF support for
 * code scanning" on docs.github.com): a run with more is rejected, and of
 * those it takes only the most severe are shown.
 */
export const GITHUB_SARIF_LIMITS = {
  resultsPerRun: 25_000,
  resultsShown: 5_000,
} as const;

/**
 * What GitHub code scanning would do with a log beyond its limits, one line
 * each, for the CLI to warn of on stderr (the log itself stays valid SARIF,
 * which other viewers take whole).
 */
export function githubSarifLimitWarnings(log: SarifLog): string[] {
  const { resultsPerRun, resultsShown } = GITHUB_SARIF_LIMITS;
  return log.runs.flatMap(run => {
    const count = run.results.length;
    const format = (n: number) => n.toLocaleString('en-US');
    if (count > resultsPerRun)
      return [
        `the SARIF log has ${format(
          count,
        )} results: GitHub code scanning rejects a run of more than ${format(
          resultsPerRun,
        )} (--rules, --skip-rules or fewer paths make it smaller)`,
      ];
    if (count > resultsShown)
      return [
        `the SARIF log has ${format(
          count,
        )} results: GitHub code scanning shows only the ${format(
          resultsShown,
        )} most severe`,
      ];
    return [];
  });
}

/** The rules of the run: those that ran (catalog order), plus any rule with a result. */
function rulesOf(
  findings: readonly Finding[],
  ran?: readonly string[],
): RuleMetadata[] {
  const wanted = new Set(ran ?? RULE_CATALOG.map(rule => rule.id));
  for (const finding of findings) wanted.add(finding.ruleId);
  const rules = RULE_CATALOG.filter(rule => wanted.has(rule.id));
  for (const id of wanted) {
    if (!getRuleMetadata(id)) {
      throw new Error(`Cannot write SARIF: ${id} is not a rule of the catalog`);
    }
  }
  return rules;
}

function toSarifRule(rule: RuleMetadata): SarifRule {
  const snippet = preferredSnippet(rule);
  const textParts = [
    rule.rationale,
    `Remediation: ${rule.remediation.summary}`,
  ];
  const markdownParts = [
    rule.rationale,
    `**Remediation.** ${rule.remediation.summary}`,
  ];
  if (snippet) {
    textParts.push(`${IAC_FORMAT_TITLES[snippet.format]}:\n${snippet.code}`);
    markdownParts.push(
      `${IAC_FORMAT_TITLES[snippet.format]}:\n\n\`\`\`${
        SNIPPET_LANGUAGE[snippet.format]
      }\n${snippet.code}\n\`\`\``,
    );
  }
  return {
    id: rule.id,
    name: ruleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: textParts.join('\n\n'),
      markdown: markdownParts.join('\n\n'),
    },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: {
      // GitHub code scanning reads security-severity only on rules tagged "security".
      tags: ['security', rule.category],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: 'high',
    },
  };
}

/** The CloudFormation snippet, or the first one the rule has. */
function preferredSnippet(
  rule: RuleMetadata,
): { format: IacFormat; code: string } | undefined {
  const snippets = rule.remediation.snippets;
  if (snippets.cloudformation)
    return { format: 'cloudformation', code: snippets.cloudformation };
  for (const format of Object.keys(snippets) as IacFormat[]) {
    const code = snippets[format];
    if (code) return { format, code };
  }
  return undefined;
}

/** "Queue consumed by a function has no redrive policy" → "QueueConsumedByAFunctionHasNoRedrivePolicy". */
function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(word => word[0].toUpperCase() + word.slice(1))
    .join('');
}

function toSarifResult(
  finding: Finding,
  ruleIndex: number,
  artifact: SarifArtifactLocation,
): SarifResult {
  const properties: Record<string, string> = {};
  if (finding.resourceId) properties.resourceId = finding.resourceId;
  if (finding.generatedResourceId)
    properties.generatedResourceId = finding.generatedResourceId;
  if (finding.resourceType) properties.resourceType = finding.resourceType;
  if (finding.property) properties.property = finding.property;
  properties.category = finding.category;
  properties.severity = finding.severity;
  properties.confidence = finding.confidence;
  properties.format = finding.format;

  const location: SarifLocation = {
    physicalLocation: {
      artifactLocation: artifact,
      region: { startLine: Math.max(1, Math.floor(finding.line) || 1) },
    },
    ...(finding.resourceId
      ? { logicalLocations: [{ name: finding.resourceId, kind: 'resource' }] }
      : {}),
  };
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [location],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.suppressed
      ? {
          suppressions: [
            {
              kind: 'inSource' as const,
              justification: finding.suppressed.reason,
            },
          ],
        }
      : {}),
    ...(finding.baselineState ? { baselineState: finding.baselineState } : {}),
    properties,
  };
}

/** A whole file's location, as a notification about it gives it. */
function fileLocation(artifact: SarifArtifactLocation): SarifLocation {
  return { physicalLocation: { artifactLocation: artifact } };
}

/**
 * A report path's location from %SRCROOT%, as `fromRoot` names it (see
 * pathsFromRoot) when the directory the path is relative to is known. A
 * file outside it (a path the scan was given beside the current directory:
 * `../shared/…`) has its absolute URI instead: a relative one climbing out
 * of the root does not resolve in code-scanning viewers (GitHub reads paths
 * from the repository root).
 */
function artifactLocation(
  file: string,
  fromRoot: ReturnType<typeof pathsFromRoot> | undefined,
  named?: NamedInReport,
): SarifArtifactLocation {
  if (!fromRoot) return { uri: relativeUri(file), uriBaseId: '%SRCROOT%' };
  const located = fromRoot(file, named);
  return located.inside
    ? { uri: relativeUri(located.path), uriBaseId: '%SRCROOT%' }
    : { uri: pathToFileURL(located.path).href };
}

/** A relative path (forward slashes) as a relative URI reference. */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** `file:///abs/dir/`: a base URI must end with a slash. */
function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
