/**
 * The Tech Insights facts of one entity, from its row of the Infra
 * Compliance overview (GET /entities).
 */
import { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import { TechInsightFact } from '@backstage-community/plugin-tech-insights-node';
import {
  CATEGORIES,
  OverviewItem,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { DateTime } from 'luxon';

const openFindings = (severity: string) =>
  `Open findings of ${severity} severity, neither suppressed in the code nor waived`;

/**
 * Every entity with facts has every one of them: the JSON rules engine of
 * Tech Insights skips, with no result, a check that names a fact the
 * entity lacks, and the scorecard silently drops it. A category that does
 * not apply, which has no score, is therefore a key missing from
 * `infraComplianceCategoryScores` (read with a `path`) and a member of
 * `infraComplianceNotApplicableCategories`, not a missing fact. Each fact's
 * name starts with `infraCompliance`: the JSON rules engine merges the facts
 * of every retriever a run reads into one object, where a plain `grade` or
 * `score` of another retriever would replace ours.
 */
export const infraComplianceFactSchema: FactSchema = {
  infraComplianceGrade: {
    type: 'string',
    description:
      'Grade of the last successful scan: A (score ≥ 90), B (≥ 80), C (≥ 70), D (≥ 60), E (≥ 40) or F',
  },
  infraComplianceScore: {
    type: 'integer',
    description:
      'Score of the last successful scan, 0 to 100: the severity-weighted share of passing checks, waived findings counting as passed',
  },
  infraComplianceCategoryScores: {
    type: 'object',
    description: `Score, 0 to 100, per category that applies (${CATEGORIES.map(
      category => category.id,
    ).join(
      ', ',
    )}); a category none of whose checks applies has no key here (see infraComplianceNotApplicableCategories)`,
  },
  infraComplianceNotApplicableCategories: {
    type: 'set',
    description:
      'The categories none of whose checks applies to the entity: they have no score',
  },
  infraComplianceOpenCritical: {
    type: 'integer',
    description: openFindings('critical'),
  },
  infraComplianceOpenHigh: {
    type: 'integer',
    description: openFindings('high'),
  },
  infraComplianceOpenMedium: {
    type: 'integer',
    description: openFindings('medium'),
  },
  infraComplianceOpenLow: { type: 'integer', description: openFindings('low') },
  infraComplianceOpenTotal: {
    type: 'integer',
    description:
      'Open findings of any severity, neither suppressed in the code nor waived',
  },
  infraComplianceWaived: {
    type: 'integer',
    description: 'Open findings an active waiver covers',
  },
  infraComplianceLastSuccessfulScanAt: {
    type: 'datetime',
    description:
      'When the scan the figures come from ended (a later scan that found the source unchanged does not move it)',
  },
  infraComplianceLastScanAt: {
    type: 'datetime',
    description: 'When the last scan of the entity ended, whatever its outcome',
  },
  infraComplianceLastScanStatus: {
    type: 'string',
    description:
      'Outcome of the last scan: succeeded, unchanged (the source had not changed since the scan before) or failed (the figures stay those of the last successful scan)',
  },
};

/**
 * The facts of an entity of the overview; undefined when it has no score:
 * never scanned, not scannable, its scans all failed, or the last
 * successful one found no infrastructure code to score. Tech Insights has
 * no null value, and such an entity has no grade to check.
 */
export function toTechInsightFact(
  item: OverviewItem,
): TechInsightFact | undefined {
  const { grade, score } = item;
  if (grade === null || score === null) return undefined;
  const categoryScores: Record<string, number> = {};
  for (const [category, categoryScore] of Object.entries(
    item.categoryScores ?? {},
  )) {
    if (typeof categoryScore === 'number')
      categoryScores[category] = categoryScore;
  }
  const open = item.open ?? {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    total: 0,
  };
  return {
    entity: { namespace: item.namespace, kind: item.kind, name: item.name },
    facts: {
      infraComplianceGrade: grade,
      infraComplianceScore: score,
      infraComplianceCategoryScores: categoryScores,
      infraComplianceNotApplicableCategories: CATEGORIES.map(
        category => category.id,
      ).filter(category => !(category in categoryScores)),
      infraComplianceOpenCritical: open.critical,
      infraComplianceOpenHigh: open.high,
      infraComplianceOpenMedium: open.medium,
      infraComplianceOpenLow: open.low,
      infraComplianceOpenTotal: open.total,
      infraComplianceWaived: item.waived ?? 0,
      // A score comes from a successful scan: both times and the status are set.
      infraComplianceLastSuccessfulScanAt: utc(item.lastSuccessAt!),
      infraComplianceLastScanAt: utc(item.lastScanAt!),
      infraComplianceLastScanStatus: item.lastScanStatus!,
    },
  };
}

function utc(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
}
