/*
 * Infra Compliance backend: the entity's last completed scan.
 *
 * The last scan that read the entity to the end, succeeded or unchanged: its
 * results are as of then. After unchanged scans and then a failed one, the
 * last successful scan is older, and the retention may have deleted the
 * unchanged ones: the entity keeps a pointer to it, which the retention
 * spares. Filled from the scans still kept.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('entities', table => {
    table
      .string('last_completed_scan_id', 36)
      .nullable()
      .comment(
        'the last scan that read the entity to the end: succeeded or unchanged',
      );
  });
  await knex('entities').update({
    last_completed_scan_id: knex('scans')
      .select('scans.id')
      .whereRaw('scans.entity_ref = entities.entity_ref')
      .whereIn('scans.status', ['succeeded', 'unchanged'])
      .whereNotNull('scans.finished_at')
      .orderBy('scans.finished_at', 'desc')
      .orderBy('scans.id', 'desc')
      .limit(1),
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('entities', table => {
    table.dropColumn('last_completed_scan_id');
  });
};
