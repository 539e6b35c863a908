/*
 * Infra Compliance backend: what a scan did not judge.
 *
 * The files a succeeded scan passed over, with the reason, and what the CDK
 * or Pulumi programs it read create that the engine does not model: its
 * grade says nothing of them, and the UI says so. JSON (the API's
 * ScanCoverage), read with the scan; older scans have none.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scans', table => {
    table
      .text('coverage')
      .nullable()
      .comment(
        'JSON ScanCoverage of a succeeded scan: files skipped (the first 100 by path), types not modelled per program; null on other scans and older ones',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scans', table => {
    table.dropColumn('coverage');
  });
};
