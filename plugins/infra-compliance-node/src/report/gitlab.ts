/**
 * GitLab's Code Quality report (`--format gitlab`), which a CI job hands to
 * GitLab as `artifacts:reports:codequality`: merge requests show the
 * findings they add and those they fix, matched by fingerprint against the
 * target branch's report. GitLab reads no SARIF. The report is the subset of
 * the Code Climate issue format that GitLab documents ("Code Quality" on
 * docs.gitlab.com): a JSON array of issues.
 */
import { createHash } from 'node:crypto';
import {
  ScanReport,
  Severity,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { RepositoryPathOptions, repositoryPaths } from './pathFromRoot';

export type CodeQualitySeverity =
  | 'info'
  | 'minor'
  | 'major'
  | 'critical'
  | 'blocker';

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

export type CodeQualityOptions = RepositoryPathOptions;

/** Four of GitLab's five severities, in the same order: `blocker` is what must not merge. */
const SEVERITIES: Record<Severity, CodeQualitySeverity> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'major',
  low: 'minor',
};

/** The Code Quality issues of a scan's findings. */
export function toCodeQuality(
  result: ScanReport,
  options: CodeQualityOptions = {},
): CodeQualityIssue[] {
  const pathOf = repositoryPaths(options);
  return (
    result.findings
      // GitLab has no waived issue: a finding suppressed in the code would show as open.
      .filter(finding => !finding.suppressed)
      .map(finding => {
        const file = pathOf(finding.file);
        return {
          // The rule id leads: it is what a suppression comment names.
          description: `${finding.ruleId}: ${finding.message}`,
          check_name: finding.ruleId,
          // With the path from the repository's root: the reports of two jobs, each scanning a folder of one
          // repository, are merged by GitLab, which shows one issue of a fingerprint, and a finding's fingerprint
          // holds its path from the folder scanned (`template.yaml` in each).
          fingerprint: createHash('md5')
            .update(`${finding.fingerprint}\u0000${file}`)
            .digest('hex'),
          severity: SEVERITIES[finding.severity],
          location: {
            path: file,
            lines: { begin: Math.max(1, Math.floor(finding.line) || 1) },
          },
        };
      })
  );
}
