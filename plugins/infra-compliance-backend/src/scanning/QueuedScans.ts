import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';
import { ScanTrigger } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { EntityScanner, ScanOutcome } from './EntityScanner';

/**
 * Runs the scans queued with {@link EntityScanner.enqueue} (on demand, on
 * push), which the scheduler does not run: bounded as a scheduled scan is,
 * a source that does not answer fails the scan, and frees the entity for
 * the next, after `timeoutMs` (`infraCompliance.schedule.timeout`); and
 * stopped with the backend, as the scheduler stops its tasks, rather than
 * left to hold the process and write to a closed database.
 */
export class QueuedScans {
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly options: {
      scanner: EntityScanner;
      timeoutMs: number;
      logger: LoggerService;
    },
  ) {}

  /** Aborted when the backend stops: no scan starts any more. */
  get stopSignal(): AbortSignal {
    return this.stopping.signal;
  }

  /**
   * Runs the queued scan. Never rejects: a scan that throws all the same
   * (its database failed) is logged. Once the backend is stopping, the scan
   * does not start; its queued row passes for stale after lockTimeout.
   */
  run(
    entity: Entity,
    options: { scanId: string; trigger: ScanTrigger },
  ): Promise<ScanOutcome | undefined> {
    if (this.stopping.signal.aborted) return Promise.resolve(undefined);
    const scan = this.runBounded(entity, options);
    this.running.add(scan);
    scan.finally(() => this.running.delete(scan));
    return scan;
  }

  /** Aborts the scans under way, and waits for them to record it (the database closes next). */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('The backend stopped before the scan ended'));
    await Promise.all([...this.running]);
  }

  private async runBounded(
    entity: Entity,
    options: { scanId: string; trigger: ScanTrigger },
  ): Promise<ScanOutcome | undefined> {
    const timeout = new AbortController();
    const timer = setTimeout(
      () =>
        timeout.abort(
          new Error(
            'The scan took longer than infraCompliance.schedule.timeout',
          ),
        ),
      this.options.timeoutMs,
    );
    try {
      return await this.options.scanner.run(entity, {
        trigger: options.trigger,
        scanId: options.scanId,
        signal: AbortSignal.any([timeout.signal, this.stopping.signal]),
      });
    } catch (error) {
      this.options.logger.error(
        `Infra Compliance: ${options.trigger} scan ${options.scanId} crashed`,
        toError(error),
      );
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
