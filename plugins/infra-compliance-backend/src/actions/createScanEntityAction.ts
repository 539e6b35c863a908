import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ComplianceOperations } from '../service/ComplianceOperations';
import { entityRefInput, scopedEntityRefOf } from './entityRefInput';

const NAME = 'scan-infra-compliance-entity';

/**
 * Registers `scan-infra-compliance-entity`: queues a scan of an entity as
 * POST /entities/{kind}/{namespace}/{name}/scans does, under the same
 * permission, audited the same way.
 */
export function createScanEntityAction(options: {
  actionsRegistry: ActionsRegistryService;
  operations: ComplianceOperations;
}) {
  const { actionsRegistry, operations } = options;
  actionsRegistry.register({
    name: NAME,
    title: 'Scan a service with Infra Compliance',
    description: `
Queues a scan of one service's (a catalog entity's) infrastructure-as-code now, rather than at the next scheduled scan: for instance after its code was fixed, to see the new grade and findings.
The scan runs in the background, usually in seconds: follow it with get-infra-compliance-scorecard, whose runningScan shows it while it is queued or running, and lastScan once it ended (its results then in grade, score and the findings).
When a scan of the entity is already queued or running, that one is given (existing: true) and no other is started.
Needs the infra-compliance.scan.create permission on the entity (NotAllowedError otherwise). An entity that cannot be scanned (no source location, opted out) is an InputError with the reason.
`,
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: zod => zod.object({ entityRef: entityRefInput(zod) }),
      output: zod =>
        zod.object({
          entityRef: zod.string(),
          scanId: zod.string(),
          existing: zod
            .boolean()
            .describe(
              'true: a scan already queued or running, given instead of a new one',
            ),
          status: zod
            .enum(['queued', 'running', 'succeeded', 'failed', 'unchanged'])
            .describe(
              'queued for a scan queued now; for one already there (existing: true), its status as it was given: queued, running, or how it ended if it ended meanwhile',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = scopedEntityRefOf(operations, input.entityRef, true);
      const queued = await operations.requestScan(entityRef, credentials, {
        action: NAME,
      });
      return {
        output: {
          entityRef,
          scanId: queued.scanId,
          existing: queued.existing,
          status: queued.scan?.status ?? 'queued',
        },
      };
    },
  });
}
