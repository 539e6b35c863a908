/*
 * Infra Compliance backend: what the stored ETag was read for.
 *
 * A repository's ETag (often its commit) says nothing about which folder
 * and which paths were read: a source location or an
 * `infra-compliance/paths` annotation that changed must read the tree again,
 * even when the repository did not change.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('entities', table => {
    table
      .string('etag_read_key', 64)
      .nullable()
      .comment(
        'hash of the source location and include globs the ETag was read with; null: the ETag is not reused',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('entities', table => {
    table.dropColumn('etag_read_key');
  });
};
