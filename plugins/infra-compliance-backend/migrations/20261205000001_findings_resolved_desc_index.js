/*
 * Infra Compliance backend: the findings by resolved date, most recent first.
 *
 * The findings list sorts by resolved date with open findings (no date) last
 * in both directions. On PostgreSQL the index on (entity_ref, resolved_at)
 * gives ascending order with nulls last, but read backwards it gives nulls
 * first: each page of the descending sort (the usual one) sorted every
 * finding of the entity. This index gives that order as it is. SQLite needs
 * none: nulls are its smallest values, so the existing index read backwards
 * already puts them last.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  await knex.raw(
    'create index ic_findings_entity_resolved_desc_idx on findings (entity_ref, resolved_at desc nulls last, id desc)',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  await knex.raw('drop index ic_findings_entity_resolved_desc_idx');
};
