import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  Category,
  Severity,
  getRuleMetadata,
  sourceLocationFileUrl,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { InfraComplianceConfig } from '../config';
import { ComplianceOperations } from '../service/ComplianceOperations';
import {
  CATEGORY_IDS,
  RULE_ID_ANY_CASE,
  SEVERITY_IDS,
  rejectNul,
} from '../service/inputs';
import { entityRefInput, scopedEntityRefOf } from './entityRefInput';
import { pageInput } from './pageInput';

/** The most findings one call lists. */
const MAX_FINDINGS = 100;

/** Registers `list-infra-compliance-findings`: an entity's findings, each with its fix, as its Compliance tab lists them. */
export function createListFindingsAction(options: {
  actionsRegistry: ActionsRegistryService;
  operations: ComplianceOperations;
  config: InfraComplianceConfig;
  scmIntegrations: ScmIntegrationRegistry;
}) {
  const { actionsRegistry, operations, config, scmIntegrations } = options;
  actionsRegistry.register({
    name: 'list-infra-compliance-findings',
    title: 'List Infra Compliance findings',
    description: `
The infrastructure-as-code findings of one service (a catalog entity) in Backstage: each failure of an Infra Compliance rule in its CloudFormation, SAM, Terraform, Pulumi or CDK code, with the file and line, the resource and what is wrong; and how to fix each rule of the page's findings, given once in rules (the rule's remediation, and a fixed snippet in each format its findings are in).
By default the open findings, worst first (critical, high, medium, low). Filter by severity, category, rule, status, waived or suppressed, or text; page with limit and offset (totalCount says how many match).
Use it to answer "what is failing in my service's infrastructure and how do I fix it". get-infra-compliance-rule explains a rule in full. Waived (accepted in Backstage) and suppressed (in the code) findings are listed with their flag but do not count against the score.
An entity the caller may not see in the catalog, or one Infra Compliance has no record of, is not found.
`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: zod =>
        zod.object({
          entityRef: entityRefInput(zod),
          status: zod
            .enum(['open', 'resolved', 'all'])
            .default('open')
            .describe(
              'open (default): failing now; resolved: fixed since; all: both',
            ),
          severity: zod
            .array(zod.enum(SEVERITY_IDS))
            .optional()
            .describe('Only these severities'),
          category: zod
            .array(zod.enum(CATEGORY_IDS))
            .optional()
            .describe('Only these categories'),
          rule: zod
            .array(
              zod
                .string()
                .trim()
                .toUpperCase()
                .regex(RULE_ID_ANY_CASE, 'must be a rule id like DLQ-001'),
            )
            .optional()
            .describe('Only these rules, by id (DLQ-001)'),
          waived: zod
            .boolean()
            .optional()
            .describe(
              'true: only findings waived in Backstage; false: only those not waived',
            ),
          suppressed: zod
            .boolean()
            .optional()
            .describe(
              'true: only findings suppressed in the code; false: only those not suppressed',
            ),
          q: zod
            .string()
            .trim()
            .max(200)
            .optional()
            .describe(
              'Text in the rule id, resource id or type, file (or file:line) or message',
            ),
          ...pageInput(zod, {
            what: 'Findings',
            most: MAX_FINDINGS,
            maxPageSize: config.maxPageSize,
          }),
        }),
      output: zod =>
        zod.object({
          entityRef: zod.string(),
          totalCount: zod
            .number()
            .describe('Findings that match, on every page'),
          limit: zod.number(),
          offset: zod.number(),
          findings: zod.array(
            zod.object({
              ruleId: zod.string(),
              title: zod.string().describe("The rule's title"),
              severity: zod.enum(SEVERITY_IDS),
              category: zod.enum(CATEGORY_IDS),
              status: zod.enum(['open', 'resolved']),
              format: zod
                .string()
                .describe('cloudformation, terraform, pulumi or cdk'),
              file: zod
                .string()
                .describe('Path relative to the scanned source location'),
              line: zod.number(),
              sourceUrl: zod
                .string()
                .nullable()
                .describe(
                  'The file at its line in the repository the scan read; null for a local source',
                ),
              resourceId: zod
                .string()
                .describe('The resource as the code names it'),
              resourceType: zod.string(),
              property: zod
                .string()
                .nullable()
                .describe('The offending property of the resource, if any'),
              message: zod.string().describe('What is wrong'),
              confidence: zod
                .enum(['high', 'partial'])
                .describe(
                  'partial: rests on what a scan cannot know for sure (a default value of a stack input, a loop or condition)',
                ),
              waived: zod
                .boolean()
                .describe('Accepted in Backstage: does not count'),
              suppressed: zod
                .boolean()
                .describe('Suppressed in the code: does not count'),
              suppressionReason: zod.string().nullable(),
              fingerprint: zod
                .string()
                .describe('Stable id of the finding across scans'),
              firstSeenAt: zod.string().describe('ISO 8601'),
              resolvedAt: zod
                .string()
                .nullable()
                .describe('ISO 8601; null while open'),
            }),
          ),
          rules: zod
            .array(
              zod.object({
                ruleId: zod.string(),
                remediation: zod.string().describe('What to change'),
                snippets: zod
                  .record(zod.string())
                  .describe(
                    "The rule's fixed example in each format of its findings on this page that it has one for, by format",
                  ),
              }),
            )
            .describe(
              'How to fix each rule of the findings on this page, once per rule however many of its findings the page holds (none for a rule this version of Infra Compliance no longer has)',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      rejectNul(input, 'input');
      const entityRef = scopedEntityRefOf(operations, input.entityRef);
      // The findings with the location they were read from, on one snapshot.
      const { page, source } = await operations.listFindingsWithSource(
        entityRef,
        {
          status: input.status,
          severities: input.severity as Severity[] | undefined,
          categories: input.category as Category[] | undefined,
          ruleIds: input.rule,
          waived: input.waived,
          suppressed: input.suppressed,
          search: input.q,
          limit: input.limit,
          offset: input.offset,
        },
        credentials,
      );
      // A rule's fix is the same for each of its findings: given once, a
      // page of 100 findings stays within what an assistant reads at once.
      const rules = new Map<
        string,
        {
          ruleId: string;
          remediation: string;
          snippets: Record<string, string>;
        }
      >();
      for (const finding of page.items) {
        const rule = getRuleMetadata(finding.ruleId);
        // A rule this version no longer has (recorded by an older one) has no fix to give.
        if (!rule) continue;
        const fix = rules.get(rule.id) ?? {
          ruleId: rule.id,
          remediation: rule.remediation.summary,
          snippets: {},
        };
        rules.set(rule.id, fix);
        const snippet = rule.remediation.snippets[finding.format];
        if (snippet) fix.snippets[finding.format] = snippet;
      }
      return {
        output: {
          entityRef,
          totalCount: page.totalCount,
          limit: page.limit,
          offset: page.offset,
          findings: page.items.map(finding => ({
            ruleId: finding.ruleId,
            // The rule's (the store adds it), or its id for a rule this version no longer has.
            title: finding.title ?? finding.ruleId,
            severity: finding.severity,
            category: finding.category,
            status: finding.status,
            format: finding.format,
            file: finding.file,
            line: finding.line,
            sourceUrl:
              sourceLocationFileUrl(source, scmIntegrations, finding) ?? null,
            resourceId: finding.resourceId,
            resourceType: finding.resourceType,
            property: finding.property ?? null,
            message: finding.message,
            confidence: finding.confidence,
            waived: finding.waived,
            suppressed: finding.suppressed,
            suppressionReason: finding.suppressionReason ?? null,
            fingerprint: finding.fingerprint,
            firstSeenAt: finding.firstSeenAt,
            resolvedAt: finding.resolvedAt ?? null,
          })),
          rules: [...rules.values()],
        },
      };
    },
  });
}
