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
import { truncate } from '../scanning/targets';
import { EntityInfo } from '../types';

export const NOTIFICATION_TOPIC = 'infra-compliance';

/** How many opened findings a notification names; it counts the others. */
export const FINDINGS_NAMED = 3;

/** The longest title the notifications backend stores (a VARCHAR(255)); a longer one fails the send. */
const TITLE_MAX_LENGTH = 255;

/** The longest file path a notification names: a longer one loses its start. */
const FILE_MAX_LENGTH = 120;

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

/**
 * Text as a notification may carry it, whatever the entity's title or the
 * scanned code's file names hold: the email processor writes the
 * description into HTML as it is, and Slack reads it as mrkdwn, where
 * `<...>` is a link or a mention. Angle brackets become look-alikes (‹ ›)
 * that neither reads as markup; control characters (a line break in a
 * file name) become spaces.
 */
export function plainText(text: string): string {
  return (
    text
      .replace(/</g, '\u2039')
      .replace(/>/g, '\u203a')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
  );
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
      title: plainText(payload.title),
      description: plainText(payload.description),
      link: complianceTabPath(entity),
      topic: NOTIFICATION_TOPIC,
      scope: notificationScope(entity),
    },
  };
}

/**
 * "<the entity as the UI names it>: <about>", the name shortened (…) to
 * keep the title within what the notifications backend stores.
 */
function titleAbout(entity: NotifiedEntity, about: string): string {
  const name = entity.title ?? entity.name;
  const room = TITLE_MAX_LENGTH - [...about].length - ': '.length;
  const shown =
    [...name].length > room ? `${truncate(name, room - 1)}\u2026` : name;
  return `${shown}: ${about}`;
}

/** The file as a notification names it: the end of a long path, after an ellipsis. */
function shownFile(file: string): string {
  const characters = [...file];
  return characters.length > FILE_MAX_LENGTH
    ? `\u2026${characters.slice(1 - FILE_MAX_LENGTH).join('')}`
    : file;
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
  const title = titleAbout(
    entity,
    `${enumerate(
      present.map(severity => `${counts[severity]} new ${severity}`),
    )} finding${counts.total === 1 ? '' : 's'} in its infrastructure code`,
  );
  const named = listed
    .slice(0, FINDINGS_NAMED)
    .map(
      finding =>
        `${finding.ruleId}${
          finding.title ? ` ${finding.title}` : ''
        } (${shownFile(finding.file)}:${finding.line})`,
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
    title: titleAbout(
      entity,
      `grade dropped from ${drop.gradeBefore} to ${drop.gradeAfter}`,
    ),
    description:
      cause.by === 'scan'
        ? `Its last scan scored its infrastructure code lower, with no new finding of ${cause.minSeverity} severity or worse.`
        : 'A waiver of its findings expired.',
    severity: 'normal',
  });
}
