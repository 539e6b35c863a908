import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  CATEGORIES,
  Scan,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { z } from 'zod/v3';
import { ComplianceOperations } from '../service/ComplianceOperations';
import { GRADES } from '../service/inputs';
import { entityRefInput, scopedEntityRefOf } from './entityRefInput';
import { openCountsOutput } from './outputs';

function scanOutput(zod: typeof z, what: string) {
  return zod
    .object({
      scanId: zod.string(),
      status: zod
        .enum(['queued', 'running', 'succeeded', 'failed', 'unchanged'])
        .describe(
          'unchanged: the source was the same as at the last successful scan, whose results still hold',
        ),
      trigger: zod
        .enum(['schedule', 'manual', 'new-entity', 'push'])
        .nullable()
        .describe(
          'manual: someone asked for it; schedule: the org-wide scan; new-entity: the entity was new to the catalog; push: its repository received a push',
        ),
      requestedAt: zod.string().nullable().describe('ISO 8601'),
      finishedAt: zod
        .string()
        .nullable()
        .describe('ISO 8601; null while the scan is under way'),
      error: zod
        .string()
        .nullable()
        .describe('Why the scan failed; null unless it did'),
    })
    .nullable()
    .describe(what);
}

function scanSummary(scan: Scan | undefined) {
  if (!scan) return null;
  return {
    scanId: scan.id,
    status: scan.status,
    trigger: scan.trigger ?? null,
    requestedAt: scan.createdAt ?? null,
    finishedAt: scan.finishedAt ?? null,
    error: scan.error ?? null,
  };
}

/** Registers `get-infra-compliance-scorecard`: an entity's grade, scores and open findings, as its Compliance tab shows them. */
export function createGetScorecardAction(options: {
  actionsRegistry: ActionsRegistryService;
  operations: ComplianceOperations;
}) {
  const { actionsRegistry, operations } = options;
  actionsRegistry.register({
    name: 'get-infra-compliance-scorecard',
    title: 'Get Infra Compliance scorecard',
    description: `
The infrastructure-as-code compliance scorecard of one service (a catalog entity) in Backstage: how its CloudFormation, SAM, Terraform, Pulumi and CDK code fares against the Infra Compliance rules (dead-letter queues, alarms, encryption, IAM scoping, logging, operations).
Gives the grade (A best to F worst) and score (0-100), the score per category (null: not applicable, no check of it applies), the open findings counted by severity, the last scan and the last successful one (the results are of that one), what that scan could not judge (files skipped, programs with constructs not modelled), the in-code suppressions it found unused and what is odd in the repository's .infra-compliance.yaml.
Use it first to answer "how compliant is my service's infrastructure"; then list-infra-compliance-findings for what fails and how to fix it.
Use unusedSuppressions to answer "why does this suppression do nothing" or "what can we clean up": each suppressed nothing, as its rule found no failure where it is written (the failure was fixed), and would hide a later one, so remove it. A suppression written wrong is not applied and is a SUP-001 finding instead (list-infra-compliance-findings with rule SUP-001).
A grade of null means not scanned yet, no scan succeeded (lastScan.error says why the last one failed), or nothing to score (no infrastructure code the rules apply to); when scannable is false, unscannableReason says why it cannot be scanned. An entity the caller may not see in the catalog is not found.
`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: zod => zod.object({ entityRef: entityRefInput(zod) }),
      output: zod =>
        zod.object({
          entityRef: zod.string().describe('The entity, as stored'),
          title: zod.string().nullable(),
          owner: zod.string().nullable().describe('Owner entity ref'),
          scannable: zod.boolean(),
          unscannableReason: zod
            .string()
            .nullable()
            .describe('Why it cannot be scanned; null when it can'),
          grade: zod
            .enum(GRADES)
            .nullable()
            .describe(
              'A (best) to F; null: not scanned yet, no scan succeeded, or nothing to score',
            ),
          score: zod.number().nullable().describe('0 to 100'),
          categories: zod
            .array(
              zod.object({
                id: zod.string(),
                title: zod.string(),
                score: zod
                  .number()
                  .nullable()
                  .describe('0 to 100; null when not applicable'),
                notApplicable: zod
                  .boolean()
                  .describe('No check of the category applies to the code'),
                passed: zod.number().describe('Checks passed'),
                failed: zod.number().describe('Checks failed'),
                open: zod
                  .number()
                  .describe('Open findings, neither waived nor suppressed'),
              }),
            )
            .describe('Per category, once a scan succeeded; empty before'),
          open: openCountsOutput(zod),
          waived: zod
            .number()
            .describe('Open findings waived in Backstage (not counted above)'),
          suppressed: zod
            .number()
            .describe(
              'Open findings suppressed in the code (not counted above)',
            ),
          resolved: zod.number().describe('Findings fixed since first seen'),
          lastScan: scanOutput(zod, 'The last scan that ended; null if none'),
          lastSuccessfulScan: scanOutput(
            zod,
            'The scan the results are of; null before one succeeded',
          ),
          runningScan: scanOutput(
            zod,
            'The scan queued or running now, if any',
          ),
          coverage: zod
            .object({
              filesScanned: zod
                .number()
                .describe('Files read as infrastructure code'),
              filesSkipped: zod
                .number()
                .describe(
                  'Files skipped in whole or in part (unreadable, too large, not parsed): not judged',
                ),
              programsNotModelled: zod
                .number()
                .nullable()
                .describe(
                  'CDK or Pulumi programs that create constructs the rules do not model (not judged); null when the scan did not record it',
                ),
            })
            .nullable()
            .describe(
              'What the last successful scan read and could not judge; null before one',
            ),
          configWarnings: zod
            .array(
              zod.object({
                file: zod
                  .string()
                  .describe('The config file, relative to the scanned tree'),
                line: zod
                  .number()
                  .nullable()
                  .describe(
                    'The line the warning is about; null when not known',
                  ),
                message: zod.string().describe('What is odd in the config'),
              }),
            )
            .nullable()
            .describe(
              "What is odd in the repository's .infra-compliance.yaml (a rule disabled twice) as the last successful scan read it: the scan went on with it as it is; null before one, or of a scan that did not record them",
            ),
          unusedSuppressions: zod
            .object({
              items: zod
                .array(
                  zod.object({
                    file: zod
                      .string()
                      .describe(
                        'The file the suppression is written in, relative to the scanned tree',
                      ),
                    line: zod
                      .number()
                      .describe(
                        'The line of the suppression itself (its Metadata entry or its comment)',
                      ),
                    resourceId: zod
                      .string()
                      .describe(
                        'What it is written on: a resource, an output, a module call, a CDK construct',
                      ),
                    ruleId: zod.string().describe('The rule it suppresses'),
                  }),
                )
                .describe(
                  'The first 100 by file and line; empty when there are none',
                ),
              notListed: zod
                .number()
                .describe('How many more there are than items lists'),
            })
            .nullable()
            .describe(
              'The in-code suppressions the last successful scan found unused: their rule judged what they are written on and found no failure, so they suppress nothing and would hide a later one; null before a successful scan, or of one that did not record them',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = scopedEntityRefOf(operations, input.entityRef);
      const card = await operations.getScorecard(entityRef, credentials);
      const results = card.lastSuccessfulScan;
      const coverage = results?.coverage;
      return {
        output: {
          entityRef: card.entityRef,
          title: card.entity.title ?? null,
          owner: card.entity.owner ?? null,
          scannable: card.entity.scannable,
          unscannableReason: card.entity.unscannableReason ?? null,
          grade: card.grade,
          score: card.score,
          // Parsing too: whether each file could be read counts in the score.
          categories: results
            ? CATEGORIES.map(({ id, title }) => {
                const category = card.categories[id];
                const score = category?.score ?? null;
                return {
                  id,
                  title,
                  score,
                  notApplicable: score === null,
                  passed: category?.passed ?? 0,
                  failed: category?.failed ?? 0,
                  open: category?.open ?? 0,
                };
              })
            : [],
          open: card.open,
          waived: card.waived,
          suppressed: card.suppressed,
          resolved: card.resolved,
          lastScan: scanSummary(card.lastScan),
          lastSuccessfulScan: scanSummary(results),
          runningScan: scanSummary(card.runningScan),
          coverage: results
            ? {
                filesScanned: results.counts?.filesScanned ?? 0,
                filesSkipped: results.counts?.filesSkipped ?? 0,
                programsNotModelled: coverage
                  ? coverage.notModelled.length +
                    (coverage.programsNotListed ?? 0)
                  : null,
              }
            : null,
          configWarnings:
            results?.configWarnings?.map(warning => ({
              file: warning.file,
              line: warning.line ?? null,
              message: warning.message,
            })) ?? null,
          unusedSuppressions: results?.unusedSuppressions
            ? {
                items: results.unusedSuppressions.items.map(
                  ({ file, line, resourceId, ruleId }) => ({
                    file,
                    line,
                    resourceId,
                    ruleId,
                  }),
                ),
                notListed: results.unusedSuppressions.notListed ?? 0,
              }
            : null,
        },
      };
    },
  });
}
