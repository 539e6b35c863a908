/*
 * Infra Compliance backend: the in-code suppressions a scan found unused.
 *
 * Suppressions that suppressed nothing (the failure they were written for
 * was fixed): stale, they would hide a later regression, and the UI lists
 * them for removal. JSON (the API's ScanUnusedSuppressions), read with the
 * scan, as its coverage is; older scans have none.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scans', table => {
    table
      .text('unused_suppressions')
      .nullable()
      .comment(
        'JSON ScanUnusedSuppressions of a succeeded scan: the first 100 by file and line, and how many more; null on other scans and older ones',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scans', table => {
    table.dropColumn('unused_suppressions');
  });
};
