import { setTimeout as sleep } from 'node:timers/promises';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ComplianceStore } from '../database/ComplianceStore';
import { EntityScanner } from '../scanning/EntityScanner';
import { QueuedScans } from '../scanning/QueuedScans';
import { describeError } from '../scanning/describeError';

/** How often a push scan asks whether the other scan of its entity it waits for has ended. */
const OTHER_SCAN_POLL_MS = 1000;

/** An entity pushes asked to scan, and when the last of them arrived. */
interface PushedEntity {
  entity: Entity;
  pushedAt: number;
}

/**
 * The entities pushes asked to scan, scanned at most `concurrency` at a
 * time. An entity waits here, not as a queued scan row: one would pass for
 * stale after `lockTimeout`. An entity asked for again while it waits is
 * scanned once; one asked for while its push scan runs is scanned again
 * after it, as that scan may have read the tree before the new push. Each
 * scan goes the way of a scan on demand ({@link EntityScanner.enqueue}): an
 * entity another scan is queued for (on demand, on another replica) gets
 * none, as that scan reads the tree after the push; one whose other scan
 * (scheduled, on demand, on another replica) was running when the push
 * arrived, which may have read the tree before it, is scanned once that
 * scan ended. Once the backend is stopping, the entities waiting are
 * dropped: the next scheduled scan catches up.
 */
export class PushScanQueue {
  private readonly waiting = new Map<string, PushedEntity>();
  private readonly running = new Set<string>();

  constructor(
    private readonly options: {
      scanner: EntityScanner;
      scans: QueuedScans;
      store: ComplianceStore;
      concurrency: number;
      /** `infraCompliance.schedule.timeout`: the longest another scan runs. */
      timeoutMs: number;
      logger: LoggerService;
    },
  ) {}

  add(entityRef: string, entity: Entity): void {
    if (this.options.scans.stopSignal.aborted) return;
    this.waiting.set(entityRef, { entity, pushedAt: Date.now() });
    this.startScans();
  }

  private startScans(): void {
    if (this.options.scans.stopSignal.aborted) {
      this.waiting.clear();
      return;
    }
    while (this.running.size < this.options.concurrency) {
      const entityRef = [...this.waiting.keys()].find(
        ref => !this.running.has(ref),
      );
      if (entityRef === undefined) return;
      const pushed = this.waiting.get(entityRef)!;
      this.waiting.delete(entityRef);
      this.running.add(entityRef);
      this.scan(entityRef, pushed).finally(() => {
        this.running.delete(entityRef);
        this.startScans();
      });
    }
  }

  /** Never rejects: what fails is logged, or recorded on the scan. */
  private async scan(
    entityRef: string,
    { entity, pushedAt }: PushedEntity,
  ): Promise<void> {
    const { scanner, scans, store, logger } = this.options;
    const deadline = Date.now() + this.options.timeoutMs;
    let waitLogged = false;
    try {
      for (;;) {
        const queued = await scanner.enqueue(entity, undefined, 'push');
        if ('unscannable' in queued) {
          logger.info(
            `Infra Compliance: ${entityRef} cannot be scanned on push: ${queued.unscannable}`,
          );
          return;
        }
        if (!queued.existing) {
          await scans.run(entity, { scanId: queued.scanId, trigger: 'push' });
          return;
        }
        const other = await store.getScan(queued.scanId);
        const readBeforePush =
          other?.status === 'running' &&
          (other.startedAt === undefined ||
            Date.parse(other.startedAt) <= pushedAt);
        if (!readBeforePush || Date.now() >= deadline) {
          logger.info(
            `Infra Compliance: ${entityRef} not scanned on push: scan ${queued.scanId} of it is queued or running`,
          );
          return;
        }
        if (!waitLogged) {
          logger.info(
            `Infra Compliance: ${entityRef} is scanned on push once scan ${queued.scanId}, which may have read it before the push, ends`,
          );
          waitLogged = true;
        }
        try {
          await sleep(OTHER_SCAN_POLL_MS, undefined, {
            signal: scans.stopSignal,
          });
        } catch {
          return; // The backend is stopping.
        }
      }
    } catch (error) {
      logger.error(
        `Infra Compliance: could not scan ${entityRef} on push: ${describeError(
          error,
        )}`,
      );
    }
  }
}
