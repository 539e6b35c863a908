/**
 * The orders a report lists its entries in: one place for the discovery
 * that lists the files, the scan that makes the report, the mapping of its
 * paths (see engine/reportPaths) and the merge of the reports of several
 * paths given, which sort them again.
 */
import { ReadProgram } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { compareText } from './compareText';

/** Files, scanned or skipped: by path. */
export function byPath(a: { path: string }, b: { path: string }): number {
  return compareText(a.path, b.path);
}

/** Findings and unused suppressions: by file, line, then rule. */
export function byFileAndLine(
  a: { file: string; line: number; ruleId: string },
  b: { file: string; line: number; ruleId: string },
): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    compareText(a.ruleId, b.ruleId)
  );
}

/** Programs: by entry point, then format. */
export function byEntryPoint(
  a: Pick<ReadProgram, 'main' | 'format'>,
  b: Pick<ReadProgram, 'main' | 'format'>,
): number {
  return compareText(a.main, b.main) || compareText(a.format, b.format);
}
