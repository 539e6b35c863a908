/**
 * The notifications an entity's owners get (see ComplianceNotifier): what
 * they say, where they link, and the scope that keeps one current notice
 * per entity in each owner's inbox.
 */
import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  FindingRecord,
  Grade,
  SEVERITIES,
  Severity,
  SeverityCounts,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { GradeChange } from '../database/ComplianceStore';
import { EntityInfo } from '../types';

export const NOTIFICATION_TOPIC = 'infra-compliance';

/** How many opened findings a notification names; it counts the others. */
export const FINDINGS_NAMED = 3;

const NOTIFICATION_SEVERITY: Record<Severity, NotificationSeverity> = {
  critical: 'critical',
  high: 'high',
  medium: 'normal',
  low: 'low',
};

/** What a notification says of its entity. */
export type NotifiedEntity = Pick<
  EntityInfo,
  'entityRef' | 'kind' | 'namespace' | 'name' | 'title'
>;

/** The grades of a change that lowered a grade. */
export type GradeDrop = { gradeBefore: Grade; gradeAfter: Grade };

/** Whether the change lowered the grade (A is the best); from or to no score is none. */
export function isGradeDrop(change: GradeChange): change is GradeDrop {
  return (
    change.gradeBefore !== null &&
    change.gradeAfter !== null &&
    change.gradeAfter > change.gradeBefore
  );
}

/**
 * The entity's Compliance tab, as the app routes it: the catalog's entity
 * path (kind and namespace in lower case) and the tab's `compliance`.
 */
export function complianceTabPath(entity: NotifiedEntity): string {
  const segments = [
    entity.namespace.toLocaleLowerCase('en-US'),
    entity.kind.toLocaleLowerCase('en-US'),
    entity.name,
  ].map(encodeURIComponent);
  return `/catalog/${segments.join('/')}/compliance`;
}

/** One scope per entity: a later notification replaces the owner's earlier one. */
export function notificationScope(entity: NotifiedEntity): string {
  return `${NOTIFICATION_TOPIC}:${entity.entityRef}`;
}

function notification(
  entity: NotifiedEntity,
  payload: {
    title: string;
    description: string;
    severity: NotificationSeverity;
  },
): NotificationSendOptions {
  return {
    recipients: { type: 'entity', entityRef: entity.entityRef },
    payload: {
      ...payload,
      link: complianceTabPath(entity),
      topic: NOTIFICATION_TOPIC,
      scope: notificationScope(entity),
    },
  };
}

/** The entity as the UI names it. */
function displayName(entity: NotifiedEntity): string {
  return entity.title ?? entity.name;
}

/** `a`, `a and b`, `a, b and c`. */
function enumerate(parts: string[]): string {
  return parts.length > 1
    ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
    : parts[0];
}

/**
 * Findings a scan opened: "orders: 1 new critical and 2 new high findings
 * in its infrastructure code", the first {@link FINDINGS_NAMED} of them
 * (`listed`, worst first) named with their place, and the grade when it
 * dropped. Its severity is that of the worst.
 */
export function openedFindingsNotification(
  entity: NotifiedEntity,
  opened: { counts: SeverityCounts; listed: readonly FindingRecord[] },
  grades: GradeChange,
): NotificationSendOptions {
  const { counts, listed } = opened;
  const present = SEVERITIES.filter(severity => counts[severity] > 0);
  const title = `${displayName(entity)}: ${enumerate(
    present.map(severity => `${counts[severity]} new ${severity}`),
  )} finding${counts.total === 1 ? '' : 's'} in its infrastructure code`;
  const named = listed
    .slice(0, FINDINGS_NAMED)
    .map(
      finding =>
        `${finding.ruleId}${finding.title ? ` ${finding.title}` : ''} (${
          finding.file
        }:${finding.line})`,
    );
  const more = counts.total - named.length;
  if (more > 0) named.push(`and ${more} more`);
  const gradeDrop = isGradeDrop(grades)
    ? ` Its grade dropped from ${grades.gradeBefore} to ${grades.gradeAfter}.`
    : '';
  return notification(entity, {
    title,
    description: `${named.join('; ')}.${gradeDrop}`,
    severity: NOTIFICATION_SEVERITY[present[0]],
  });
}

/** Why a grade dropped, as a notification says. */
export type GradeDropCause =
  | { by: 'scan'; minSeverity: Severity }
  | { by: 'waiverExpiry' };

/** A drop of the grade no finding a notification names explains: "orders: grade dropped from B to D". */
export function gradeDropNotification(
  entity: NotifiedEntity,
  drop: GradeDrop,
  cause: GradeDropCause,
): NotificationSendOptions {
  return notification(entity, {
    title: `${displayName(entity)}: grade dropped from ${drop.gradeBefore} to ${
      drop.gradeAfter
    }`,
    description:
      cause.by === 'scan'
        ? `Its last scan scored its infrastructure code lower, with no new finding of ${cause.minSeverity} severity or worse.`
        : 'A waiver of its findings expired.',
    severity: 'normal',
  });
}
