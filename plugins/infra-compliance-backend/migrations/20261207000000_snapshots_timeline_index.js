/*
 * Infra Compliance backend: the timelines of the roll-ups and of an entity's
 * history read the score snapshots from an index alone.
 *
 * A timeline sums the opened and resolved counts of the snapshots of the
 * entities in scope since a date. The index on (entity_ref, taken_at) found
 * them, then read each snapshot's row for its counts: the org's roll-up over
 * a year read 120,000 rows scattered over the table (5,000 entities). This
 * index holds the counts too, so the database reads the index only. It
 * serves what the index it replaces served (an entity's snapshots by date).
 */

const COLUMNS = [
  'entity_ref',
  'taken_at',
  'new_count',
  'reopened_count',
  'resolved_count',
];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('score_snapshots', table => {
    table.index(COLUMNS, 'ic_snapshots_entity_timeline_idx');
    table.dropIndex(['entity_ref', 'taken_at'], 'ic_snapshots_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('score_snapshots', table => {
    table.index(['entity_ref', 'taken_at'], 'ic_snapshots_entity_idx');
    table.dropIndex(COLUMNS, 'ic_snapshots_entity_timeline_idx');
  });
};
