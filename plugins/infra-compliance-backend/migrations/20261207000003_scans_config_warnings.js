/*
 * Infra Compliance backend: the warnings of the repository's config a scan read.
 *
 * What the repository's .infra-compliance.yaml says that is odd but not
 * wrong (a rule disabled twice): the scan goes on, the team that owns the
 * repository sees them on its Compliance tab, and the backend logs them
 * only when they differ from the last successful scan's. JSON (the API's
 * Scan.configWarnings, each naming the file and line), read with the scan,
 * as its unused suppressions are; older scans have none.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scans', table => {
    table
      .text('config_warnings')
      .nullable()
      .comment(
        "JSON array of the warnings of the repository's .infra-compliance.yaml a succeeded scan read (empty when none); null on other scans and older ones",
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scans', table => {
    table.dropColumn('config_warnings');
  });
};
