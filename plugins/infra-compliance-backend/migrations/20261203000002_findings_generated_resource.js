/*
 * Infra Compliance backend: the generated resource a finding is about.
 *
 * Findings about resources a format generates (the mappings of a SAM
 * function's SQS events) share the id the author wrote. Counting a waived
 * finding's check back as passed needs the resource the check was about.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('findings', table => {
    table
      .string('generated_resource_id', 255)
      .nullable()
      .comment(
        'id of the generated resource the finding is about (resource_id is the one written in the code); null when it was written',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('findings', table => {
    table.dropColumn('generated_resource_id');
  });
};
