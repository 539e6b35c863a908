/*
 * Infra Compliance backend: of the findings a scan opened (new or
 * reopened), those it left open: neither suppressed in code nor waived; of
 * those it resolved, those that were open.
 *
 * A scan's "N new" and the timelines' findings opened per day counted
 * every finding a scan opened, the suppressed and the waived ones too,
 * which the scorecard does not count as open: a finding suppressed with a
 * reason showed as "1 new" and a spike of opened. Counted as the scan
 * commits (a waiver granted later does not change them). Null on the rows
 * before: they did not tell them apart, and are read as they were. The
 * timeline index holds the snapshots' count too, so that the timelines
 * still read the index alone.
 */

const TIMELINE_INDEX = 'ic_snapshots_entity_timeline_idx';
const TIMELINE_COLUMNS = [
  'entity_ref',
  'taken_at',
  'new_count',
  'reopened_count',
  'resolved_count',
];
const OPEN_COUNTS = ['opened_count', 'resolved_open_count'];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scans', table => {
    table
      .integer('findings_new_open')
      .nullable()
      .comment(
        'of findings_new, those neither suppressed nor waived when the scan committed; null on older scans',
      );
    table
      .integer('findings_reopened_open')
      .nullable()
      .comment(
        'of findings_reopened, those neither suppressed nor waived when the scan committed; null on older scans',
      );
    table
      .integer('findings_resolved_open')
      .nullable()
      .comment(
        'of findings_resolved, those neither suppressed (as last seen) nor waived when the scan committed; null on older scans',
      );
  });
  await knex.schema.alterTable('score_snapshots', table => {
    table
      .integer('opened_count')
      .nullable()
      .comment(
        'of new_count + reopened_count, those neither suppressed nor waived when the scan committed; null on older snapshots',
      );
    table
      .integer('resolved_open_count')
      .nullable()
      .comment(
        'of resolved_count, those neither suppressed (as last seen) nor waived when the scan committed; null on older snapshots',
      );
  });
  await knex.schema.alterTable('score_snapshots', table => {
    table.dropIndex(TIMELINE_COLUMNS, TIMELINE_INDEX);
    table.index([...TIMELINE_COLUMNS, ...OPEN_COUNTS], TIMELINE_INDEX);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('score_snapshots', table => {
    table.dropIndex([...TIMELINE_COLUMNS, ...OPEN_COUNTS], TIMELINE_INDEX);
    table.index(TIMELINE_COLUMNS, TIMELINE_INDEX);
  });
  await knex.schema.alterTable('score_snapshots', table => {
    table.dropColumn('opened_count');
    table.dropColumn('resolved_open_count');
  });
  await knex.schema.alterTable('scans', table => {
    table.dropColumn('findings_new_open');
    table.dropColumn('findings_reopened_open');
    table.dropColumn('findings_resolved_open');
  });
};
