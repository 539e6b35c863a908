import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { EntityScanner } from '../scanning/EntityScanner';
import { QueuedScans } from '../scanning/QueuedScans';
import { describeError } from '../scanning/describeError';

/**
 * The entities pushes asked to scan, scanned at most `concurrency` at a
 * time. An entity waits here, not as a queued scan row: one would pass for
 * stale after `lockTimeout`. An entity asked for again while it waits is
 * scanned once; one asked for while its push scan runs is scanned again
 * after it, as that scan may have read the tree before the new push. Each
 * scan goes the way of a scan on demand ({@link EntityScanner.enqueue}): an
 * entity another scan is queued or running for (on demand, scheduled, on
 * another replica) gets none. Once the backend is stopping, the entities
 * waiting are dropped: the next scheduled scan catches up.
 */
export class PushScanQueue {
  private readonly waiting = new Map<string, Entity>();
  private readonly running = new Set<string>();

  constructor(
    private readonly options: {
      scanner: EntityScanner;
      scans: QueuedScans;
      concurrency: number;
      logger: LoggerService;
    },
  ) {}

  add(entityRef: string, entity: Entity): void {
    if (this.options.scans.isStopping) return;
    this.waiting.set(entityRef, entity);
    this.startScans();
  }

  private startScans(): void {
    if (this.options.scans.isStopping) {
      this.waiting.clear();
      return;
    }
    while (this.running.size < this.options.concurrency) {
      const entityRef = [...this.waiting.keys()].find(
        ref => !this.running.has(ref),
      );
      if (entityRef === undefined) return;
      const entity = this.waiting.get(entityRef)!;
      this.waiting.delete(entityRef);
      this.running.add(entityRef);
      this.scan(entityRef, entity).finally(() => {
        this.running.delete(entityRef);
        this.startScans();
      });
    }
  }

  /** Never rejects: what fails is logged, or recorded on the scan. */
  private async scan(entityRef: string, entity: Entity): Promise<void> {
    const { scanner, scans, logger } = this.options;
    try {
      const queued = await scanner.enqueue(entity, undefined, 'push');
      if ('unscannable' in queued) {
        logger.info(
          `Infra Compliance: ${entityRef} cannot be scanned on push: ${queued.unscannable}`,
        );
        return;
      }
      if (queued.existing) {
        logger.info(
          `Infra Compliance: ${entityRef} not scanned on push: scan ${queued.scanId} of it is queued or running`,
        );
        return;
      }
      await scans.run(entity, { scanId: queued.scanId, trigger: 'push' });
    } catch (error) {
      logger.error(
        `Infra Compliance: could not scan ${entityRef} on push: ${describeError(
          error,
        )}`,
      );
    }
  }
}
