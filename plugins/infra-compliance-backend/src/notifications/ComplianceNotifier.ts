/**
 * Tells an entity's owners, through Backstage's notifications backend, of
 * the findings a scan opened and of a drop of its grade. Runs after the
 * results are committed, and never throws: a notification that cannot be
 * sent is logged, and the results stay as committed.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { SEVERITIES } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { InfraComplianceConfig } from '../config';
import {
  ComplianceStore,
  FindingFilter,
  GradeChange,
  ScanCommit,
} from '../database/ComplianceStore';
import { describeError } from '../scanning/describeError';
import { answerWithin } from '../service/answerWithin';
import {
  FINDINGS_NAMED,
  NotifiedEntity,
  gradeDropNotification,
  isGradeDrop,
  openedFindingsNotification,
} from './payloads';

/** How long a notification may take to send: a backend that does not answer must not hold a scan. */
const DEFAULT_SEND_TIMEOUT_MS = 30_000;

export interface ComplianceNotifierOptions {
  notifications: NotificationService;
  store: ComplianceStore;
  logger: LoggerService;
  config: InfraComplianceConfig['notifications'];
  /** Replaceable for tests. */
  sendTimeoutMs?: number;
}

export class ComplianceNotifier {
  private readonly notifications: NotificationService;
  private readonly store: ComplianceStore;
  private readonly logger: LoggerService;
  private readonly config: InfraComplianceConfig['notifications'];
  private readonly sendTimeoutMs: number;

  constructor(options: ComplianceNotifierOptions) {
    this.notifications = options.notifications;
    this.store = options.store;
    this.logger = options.logger;
    this.config = options.config;
    this.sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  }

  /**
   * After a scan's results are committed: the findings it opened (new or
   * reopened), neither suppressed nor waived at `now`, of the configured
   * severity or worse; else, with `onGradeDrop`, a drop of the grade. None
   * for an unchanged scan, nor for an entity's first successful one, which
   * opens every finding it has. After an upgrade of the engine, neither
   * the new findings of rules the last scan checked nothing against nor a
   * drop of the grade: an upgrade that adds a rule would otherwise tell
   * every owner at once of what their code had all along.
   */
  async scanCommitted(
    entity: NotifiedEntity,
    commit: ScanCommit,
    now: number,
  ): Promise<void> {
    if (commit.status !== 'succeeded' || !commit.hadSuccessfulScan) return;
    const newToEngine = new Set(commit.newToEngineFingerprints);
    const told = commit.openedFingerprints.filter(
      fingerprint => !newToEngine.has(fingerprint),
    );
    await this.sendSafely(entity.entityRef, async () => {
      const filter: FindingFilter = {
        // The entity's lock is released: a later scan may have resolved some since.
        status: 'open',
        fingerprints: told,
        severities: SEVERITIES.slice(
          0,
          SEVERITIES.indexOf(this.config.minSeverity) + 1,
        ),
        suppressed: false,
        waived: false,
      };
      if (told.length > 0) {
        const counts = await this.store.countFindingsBySeverity(
          entity.entityRef,
          filter,
          now,
        );
        if (counts.total > 0) {
          const listed = await this.store.listFindings(
            entity.entityRef,
            { ...filter, sort: 'severity', limit: FINDINGS_NAMED, offset: 0 },
            now,
          );
          return openedFindingsNotification(
            entity,
            { counts, listed: listed.items },
            commit,
          );
        }
      }
      if (
        !this.config.onGradeDrop ||
        commit.engineChanged ||
        !isGradeDrop(commit)
      )
        return undefined;
      return gradeDropNotification(entity, commit, {
        by: 'scan',
        minSeverity: this.config.minSeverity,
      });
    });
  }

  /**
   * After an entity's score was refreshed for its expired waivers: with
   * `onGradeDrop`, a drop of its grade. None for an entity that is no
   * longer scanned (it has no Compliance tab).
   */
  async waiversExpired(
    change: { entityRef: string } & GradeChange,
  ): Promise<void> {
    if (!this.config.onGradeDrop || !isGradeDrop(change)) return;
    await this.sendSafely(change.entityRef, async () => {
      const entity = await this.store.getEntitySummary(change.entityRef);
      if (!entity?.scannable) return undefined;
      return gradeDropNotification(entity, change, { by: 'waiverExpiry' });
    });
  }

  /** Sends what `compose` gives, if anything; logs why it could not. */
  private async sendSafely(
    entityRef: string,
    compose: () => Promise<NotificationSendOptions | undefined>,
  ): Promise<void> {
    try {
      const notification = await compose();
      if (!notification) return;
      await answerWithin(
        this.notifications.send(notification),
        this.sendTimeoutMs,
        'The notifications backend',
      );
    } catch (error) {
      this.logger.warn(
        `Infra Compliance: could not notify the owners of ${entityRef}: ${describeError(
          error,
        )}`,
      );
    }
  }
}
