/*
 * Infra Compliance backend: an index for the scan retention.
 *
 * The retention deletes the unchanged and failed scans created before a
 * time, batch by batch: with the index on `status` alone each batch reads
 * every unchanged scan (most rows) to test its age. An index on
 * (status, created_at) reads only the old ones; it serves the lookups by
 * status (queued, running) as well, so it replaces that index.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scans', table => {
    table.index(['status', 'created_at'], 'ic_scans_status_created_idx');
    table.dropIndex(['status'], 'ic_scans_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scans', table => {
    table.index(['status'], 'ic_scans_status_idx');
    table.dropIndex(['status', 'created_at'], 'ic_scans_status_created_idx');
  });
};
