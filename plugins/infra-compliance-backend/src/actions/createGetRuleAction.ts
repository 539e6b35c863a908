import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import {
  CATEGORIES,
  IAC_FORMATS,
  RULE_CATALOG,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  CATEGORY_IDS,
  RULE_ID_ANY_CASE,
  SEVERITY_IDS,
} from '../service/inputs';

/** Registers `get-infra-compliance-rule`: one rule of the catalog in full, or all of them in brief. */
export function createGetRuleAction(options: {
  actionsRegistry: ActionsRegistryService;
}) {
  const { actionsRegistry } = options;
  actionsRegistry.register({
    name: 'get-infra-compliance-rule',
    title: 'Get Infra Compliance rule',
    description: `
One rule of Infra Compliance's catalog of infrastructure-as-code rules, in full: its title, category, severity, why the failure matters (rationale), what to change (remediation), and a fixed snippet per format it applies to (CloudFormation/SAM, Terraform, Pulumi, CDK).
Without ruleId, every rule in brief (id, title, category, severity), with the categories.
Use it to explain a finding's rule (ruleId of list-infra-compliance-findings, e.g. DLQ-001) or to show how to write the fix in the service's format.
`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: zod =>
        zod.object({
          ruleId: zod
            .string()
            .trim()
            .toUpperCase()
            .regex(RULE_ID_ANY_CASE, 'must be a rule id like DLQ-001')
            .optional()
            .describe('The rule, e.g. DLQ-001; omit it to list every rule'),
        }),
      output: zod => {
        const brief = {
          id: zod.string(),
          title: zod.string(),
          category: zod.enum(CATEGORY_IDS),
          severity: zod.enum(SEVERITY_IDS),
        };
        return zod.object({
          rule: zod
            .object({
              ...brief,
              rationale: zod.string().describe('Why the failure matters'),
              remediation: zod.string().describe('What to change'),
              snippets: zod
                .object(
                  Object.fromEntries(
                    IAC_FORMATS.map(format => [
                      format,
                      zod.string().optional(),
                    ]),
                  ),
                )
                .describe(
                  'A fixed example per format the rule has one for: cloudformation (YAML, SAM too), terraform (HCL), pulumi and cdk (TypeScript)',
                ),
              formats: zod
                .array(zod.enum(IAC_FORMATS as [string, ...string[]]))
                .describe('The formats that can express what it checks'),
            })
            .optional()
            .describe('The rule asked for; absent when listing'),
          rules: zod
            .array(zod.object(brief))
            .optional()
            .describe('Every rule, when no ruleId was given'),
          categories: zod
            .array(zod.object({ id: zod.string(), title: zod.string() }))
            .optional()
            .describe('The categories, when no ruleId was given'),
        });
      },
    },
    action: async ({ input }) => {
      if (!input.ruleId) {
        return {
          output: {
            rules: RULE_CATALOG.map(({ id, title, category, severity }) => ({
              id,
              title,
              category,
              severity,
            })),
            categories: CATEGORIES.map(({ id, title }) => ({ id, title })),
          },
        };
      }
      const rule = getRuleMetadata(input.ruleId);
      if (!rule) throw new NotFoundError(`No rule ${input.ruleId}`);
      return {
        output: {
          rule: {
            id: rule.id,
            title: rule.title,
            category: rule.category,
            severity: rule.severity,
            rationale: rule.rationale,
            remediation: rule.remediation.summary,
            snippets: rule.remediation.snippets,
            formats: [...rule.formats],
          },
        },
      };
    },
  });
}
