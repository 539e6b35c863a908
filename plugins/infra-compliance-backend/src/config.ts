/**
 * Reads the `infraCompliance` section of the app config (schema in
 * ../config.d.ts) into plain values with their defaults.
 */
import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_MAX_PAGE_SIZE,
  DEFAULT_SCANNED_KINDS,
  SEVERITIES,
  Severity,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

export interface InfraComplianceConfig {
  kinds: string[];
  schedule: {
    frequency: { cron: string } | HumanDuration;
    timeout: HumanDuration;
    initialDelay: HumanDuration;
  };
  shards: number;
  concurrency: number;
  /**
   * The share (percent) by which the catalog's listing may be smaller than
   * the entities known before the entities it lacks are not marked removed
   * on that run; 100: no limit.
   */
  maxCatalogShrinkPercentage: number;
  newEntities: {
    enabled: boolean;
    frequency: HumanDuration;
    initialDelay: HumanDuration;
  };
  lockTimeoutMs: number;
  /** Unchanged and failed scans older than this are deleted. */
  scanRetentionMs: number;
  maxPageSize: number;
  /** How long the entities a user may read under a conditional read policy are reused; 0: never. */
  visibilityCacheTtlMs: number;
  /** How long a request waits for the catalog before it answers without it (or 503). */
  catalogTimeoutMs: number;
  /** What a scan tells the entity's owners through the notifications backend. */
  notifications: {
    enabled: boolean;
    /** The least severity of a finding a scan opened that is told. */
    minSeverity: Severity;
    /** Whether a drop of the grade is told when no such finding opened. */
    onGradeDrop: boolean;
  };
  events: {
    /** Scans an entity when its repository receives a push (Backstage events). */
    enabled: boolean;
  };
}

export const DEFAULT_CONFIG: InfraComplianceConfig = {
  kinds: [...DEFAULT_SCANNED_KINDS],
  schedule: {
    frequency: { hours: 6 },
    timeout: { hours: 1 },
    initialDelay: { minutes: 1 },
  },
  shards: 1,
  concurrency: 4,
  // A listing that lost more than half of the entities is more likely a
  // catalog being rebuilt or a token that lost access than a clean-up.
  maxCatalogShrinkPercentage: 50,
  newEntities: {
    enabled: true,
    frequency: { minutes: 5 },
    initialDelay: { seconds: 30 },
  },
  lockTimeoutMs: 2 * 60 * 1000,
  scanRetentionMs: 90 * 24 * 60 * 60 * 1000,
  maxPageSize: DEFAULT_MAX_PAGE_SIZE,
  visibilityCacheTtlMs: 30 * 1000,
  catalogTimeoutMs: 10 * 1000,
  // Off: the notifications backend may not be installed.
  notifications: { enabled: false, minSeverity: 'high', onGradeDrop: true },
  // Subscribing costs nothing where no webhook module publishes pushes.
  events: { enabled: true },
};

function duration(
  config: Config | undefined,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  if (!config || !config.has(key)) return fallback;
  return readDurationFromConfig(config, { key });
}

function positiveInteger(
  config: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `infraCompliance.${key} must be a positive integer, got ${value}`,
    );
  }
  return value;
}

function positiveDurationMs(
  config: Config | undefined,
  key: string,
  fallbackMs: number,
): number {
  if (!config?.has(key)) return fallbackMs;
  const ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  if (!(ms > 0)) {
    throw new Error(`infraCompliance.${key} must be a positive duration`);
  }
  return ms;
}

function percentage(
  config: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!(value >= 0 && value <= 100)) {
    throw new Error(
      `infraCompliance.${key} must be a number from 0 to 100, got ${value}`,
    );
  }
  return value;
}

function severity(
  config: Config | undefined,
  key: string,
  path: string,
  fallback: Severity,
): Severity {
  const value = config?.getOptionalString(key);
  if (value === undefined) return fallback;
  const known = SEVERITIES.find(candidate => candidate === value);
  if (!known) {
    throw new Error(
      `infraCompliance.${path} must be one of ${SEVERITIES.join(
        ', ',
      )}, got '${value}'`,
    );
  }
  return known;
}

/**
 * The longest a Node.js timer waits: a longer one fires at once (after
 * 1 ms), which would abort every scan or catalog call at its start.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A duration a timer waits for: positive, at most {@link MAX_TIMER_MS}. */
function timerDuration(
  config: Config | undefined,
  key: string,
  path: string,
  fallback: HumanDuration,
): HumanDuration {
  const value = duration(config, key, fallback);
  const ms = durationToMilliseconds(value);
  if (!(ms > 0)) {
    throw new Error(`infraCompliance.${path} must be a positive duration`);
  }
  if (ms > MAX_TIMER_MS) {
    throw new Error(`infraCompliance.${path} must be at most 24 days`);
  }
  return value;
}

export function readInfraComplianceConfig(root: Config): InfraComplianceConfig {
  const config = root.getOptionalConfig('infraCompliance');
  const schedule = config?.getOptionalConfig('schedule');
  let frequency: InfraComplianceConfig['schedule']['frequency'] =
    DEFAULT_CONFIG.schedule.frequency;
  if (schedule?.has('frequency')) {
    // A duration may be written as text ('PT30M', '30m'), which has no `cron`.
    const written = schedule.get('frequency');
    frequency =
      typeof written === 'object' && written !== null && 'cron' in written
        ? { cron: schedule.getString('frequency.cron') }
        : readDurationFromConfig(schedule, { key: 'frequency' });
  }
  const newEntities = config?.getOptionalConfig('newEntities');
  const notifications = config?.getOptionalConfig('notifications');
  const events = config?.getOptionalConfig('events');
  const kinds = config?.getOptionalStringArray('kinds') ?? DEFAULT_CONFIG.kinds;
  if (kinds.length === 0)
    throw new Error('infraCompliance.kinds must name at least one kind');
  return {
    kinds,
    schedule: {
      frequency,
      timeout: timerDuration(
        schedule,
        'timeout',
        'schedule.timeout',
        DEFAULT_CONFIG.schedule.timeout,
      ),
      initialDelay: duration(
        schedule,
        'initialDelay',
        DEFAULT_CONFIG.schedule.initialDelay,
      ),
    },
    shards: positiveInteger(config, 'shards', DEFAULT_CONFIG.shards),
    concurrency: positiveInteger(
      config,
      'concurrency',
      DEFAULT_CONFIG.concurrency,
    ),
    maxCatalogShrinkPercentage: percentage(
      config,
      'maxCatalogShrinkPercentage',
      DEFAULT_CONFIG.maxCatalogShrinkPercentage,
    ),
    newEntities: {
      enabled:
        newEntities?.getOptionalBoolean('enabled') ??
        DEFAULT_CONFIG.newEntities.enabled,
      frequency: duration(
        newEntities,
        'frequency',
        DEFAULT_CONFIG.newEntities.frequency,
      ),
      initialDelay: duration(
        newEntities,
        'initialDelay',
        DEFAULT_CONFIG.newEntities.initialDelay,
      ),
    },
    // A lock of no time would be stale at once: every scan would take over
    // the lock of the one running. Its heartbeat (a quarter) is a timer.
    lockTimeoutMs: durationToMilliseconds(
      timerDuration(config, 'lockTimeout', 'lockTimeout', {
        milliseconds: DEFAULT_CONFIG.lockTimeoutMs,
      }),
    ),
    scanRetentionMs: positiveDurationMs(
      config,
      'scanRetention',
      DEFAULT_CONFIG.scanRetentionMs,
    ),
    maxPageSize: positiveInteger(
      config,
      'maxPageSize',
      DEFAULT_CONFIG.maxPageSize,
    ),
    visibilityCacheTtlMs: config?.has('visibilityCacheTtl')
      ? durationToMilliseconds(
          readDurationFromConfig(config, { key: 'visibilityCacheTtl' }),
        )
      : DEFAULT_CONFIG.visibilityCacheTtlMs,
    catalogTimeoutMs: durationToMilliseconds(
      timerDuration(config, 'catalogTimeout', 'catalogTimeout', {
        milliseconds: DEFAULT_CONFIG.catalogTimeoutMs,
      }),
    ),
    notifications: {
      enabled:
        notifications?.getOptionalBoolean('enabled') ??
        DEFAULT_CONFIG.notifications.enabled,
      minSeverity: severity(
        notifications,
        'minSeverity',
        'notifications.minSeverity',
        DEFAULT_CONFIG.notifications.minSeverity,
      ),
      onGradeDrop:
        notifications?.getOptionalBoolean('onGradeDrop') ??
        DEFAULT_CONFIG.notifications.onGradeDrop,
    },
    events: {
      enabled:
        events?.getOptionalBoolean('enabled') ?? DEFAULT_CONFIG.events.enabled,
    },
  };
}
