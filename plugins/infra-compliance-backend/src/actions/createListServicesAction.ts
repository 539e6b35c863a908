import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { Grade } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { InfraComplianceConfig } from '../config';
import { OverviewQuery } from '../database/ComplianceStore';
import { ComplianceOperations } from '../service/ComplianceOperations';
import { GRADES, RULE_ID_ANY_CASE, rejectNul } from '../service/inputs';
import { openCountsOutput } from './outputs';
import { pageInput } from './pageInput';

/** The most services one call lists. */
const MAX_SERVICES = 100;

/** Each order the action offers, worst first, as the overview sorts it. */
const SORTS: Record<
  'attention' | 'score' | 'open' | 'critical' | 'name',
  { sort: NonNullable<OverviewQuery['sort']>; order: 'asc' | 'desc' }
> = {
  attention: { sort: 'attention', order: 'asc' },
  score: { sort: 'score', order: 'asc' },
  open: { sort: 'open', order: 'desc' },
  critical: { sort: 'critical', order: 'desc' },
  name: { sort: 'name', order: 'asc' },
};

/** Registers `list-infra-compliance-services`: the services overview (GET /entities) of the entities the caller may see. */
export function createListServicesAction(options: {
  actionsRegistry: ActionsRegistryService;
  operations: ComplianceOperations;
  config: InfraComplianceConfig;
}) {
  const { actionsRegistry, operations, config } = options;
  actionsRegistry.register({
    name: 'list-infra-compliance-services',
    title: 'List Infra Compliance services',
    description: `
The services (catalog entities) Infra Compliance scans for infrastructure-as-code failures, with each one's grade (A best to F worst), score (0-100) and open findings by severity: the organisation's compliance overview in Backstage, of the entities the caller may see in the catalog.
Filter by owner (a team: team-a or group:default/team-a), grade, rule failing (services with open findings of it: each then gives its open findings of those rules), or text in a name or title. Sorted worst first: attention (default: those whose scans all failed, then the lowest scores, then those not scanned yet, then those with nothing to score, and last those that cannot be scanned), score (lowest first), open or critical (most first; open, with a rule filter, by the open findings of those rules), or name.
Use it to answer "which of our services need attention" or "which services of team X fail rule Y"; then get-infra-compliance-scorecard and list-infra-compliance-findings for one of them.
`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: zod =>
        zod.object({
          owner: zod
            .array(zod.string().trim().min(1).max(255))
            .optional()
            .describe(
              'Only services owned by these groups or users: group:default/team-a, or team-a for a group of the default namespace',
            ),
          grade: zod
            .array(zod.enum(GRADES))
            .optional()
            .describe('Only services with these grades'),
          rule: zod
            .array(
              zod
                .string()
                .trim()
                .toUpperCase()
                .regex(RULE_ID_ANY_CASE, 'must be a rule id like DLQ-001'),
            )
            .optional()
            .describe(
              'Only services with open findings of any of these rules (DLQ-001)',
            ),
          q: zod
            .string()
            .trim()
            .max(200)
            .optional()
            .describe(
              "Text in the service's name or title, or its owner's or system's name or title",
            ),
          sort: zod
            .enum(['attention', 'score', 'open', 'critical', 'name'])
            .default('attention')
            .describe(
              'attention (default), score (lowest first), open or critical (most first), name',
            ),
          ...pageInput(zod, {
            what: 'Services',
            most: MAX_SERVICES,
            maxPageSize: config.maxPageSize,
          }),
        }),
      output: zod =>
        zod.object({
          totalCount: zod
            .number()
            .describe('Services that match, on every page'),
          limit: zod.number(),
          offset: zod.number(),
          services: zod.array(
            zod.object({
              entityRef: zod.string(),
              title: zod.string().nullable(),
              owner: zod.string().nullable().describe('Owner entity ref'),
              system: zod.string().nullable().describe('System entity ref'),
              scannable: zod.boolean(),
              unscannableReason: zod.string().nullable(),
              grade: zod
                .enum(GRADES)
                .nullable()
                .describe('null: not scanned yet, or nothing to score'),
              score: zod.number().nullable().describe('0 to 100'),
              open: openCountsOutput(zod).nullable(),
              ruleOpen: zod
                .number()
                .nullable()
                .describe(
                  'With a rule filter: its open findings of those rules (sort open sorts by them); null without one',
                ),
              lastScanStatus: zod
                .string()
                .nullable()
                .describe('succeeded, unchanged or failed; null if never'),
              lastScanAt: zod.string().nullable().describe('ISO 8601'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      rejectNul(input, 'input');
      const page = await operations.listOverview(
        {
          owner: input.owner,
          grade: input.grade as Grade[] | undefined,
          rule: input.rule,
          q: input.q,
          ...SORTS[input.sort],
          limit: input.limit,
          offset: input.offset,
        },
        credentials,
      );
      return {
        output: {
          totalCount: page.totalCount,
          limit: page.limit,
          offset: page.offset,
          services: page.items.map(item => ({
            entityRef: item.entityRef,
            title: item.title ?? null,
            owner: item.owner ?? null,
            system: item.system ?? null,
            scannable: item.scannable,
            unscannableReason: item.unscannableReason ?? null,
            grade: item.grade,
            score: item.score,
            open: item.open ?? null,
            ruleOpen: item.ruleOpen ?? null,
            lastScanStatus: item.lastScanStatus ?? null,
            lastScanAt: item.lastScanAt ?? null,
          })),
        },
      };
    },
  });
}
