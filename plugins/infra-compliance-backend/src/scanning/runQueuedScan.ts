import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';
import { ScanTrigger } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { EntityScanner, ScanOutcome } from './EntityScanner';

/**
 * Runs a scan queued with {@link EntityScanner.enqueue}, bounded as a
 * scheduled scan is: a source that does not answer fails the scan, and
 * frees the entity for the next, after `timeoutMs`
 * (`infraCompliance.schedule.timeout`). Never rejects: a scan that throws
 * all the same (its database failed) is logged.
 */
export async function runQueuedScan(
  scanner: EntityScanner,
  entity: Entity,
  options: {
    scanId: string;
    trigger: ScanTrigger;
    timeoutMs: number;
    logger: LoggerService;
  },
): Promise<ScanOutcome | undefined> {
  const timeout = new AbortController();
  const timer = setTimeout(
    () =>
      timeout.abort(
        new Error('The scan took longer than infraCompliance.schedule.timeout'),
      ),
    options.timeoutMs,
  );
  try {
    return await scanner.run(entity, {
      trigger: options.trigger,
      scanId: options.scanId,
      signal: timeout.signal,
    });
  } catch (error) {
    options.logger.error(
      `Infra Compliance: ${options.trigger} scan ${options.scanId} crashed`,
      toError(error),
    );
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
