/*
 * Infra Compliance backend: per-entity aggregates for the group roll-ups.
 *
 * Roll-ups over hundreds or thousands of entities read these small tables
 * instead of the findings: open/waived/suppressed counts per (entity, rule)
 * (a rule fixes category and severity), and per entity the number of
 * resolutions and their summed time to remediate. Both are written in the
 * scan's transaction and refreshed when a waiver changes.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('entity_rule_counts', table => {
    table.comment(
      'Open findings of an entity per rule, as of its last scan or waiver change',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('rule_id', 31).notNullable();
    table.string('category', 31).notNullable();
    table.string('severity', 15).notNullable();
    table
      .integer('open')
      .notNullable()
      .defaultTo(0)
      .comment('open, neither suppressed in code nor waived');
    table.integer('waived').notNullable().defaultTo(0);
    table.integer('suppressed').notNullable().defaultTo(0);
    table.primary(['entity_ref', 'rule_id']);
  });

  await knex.schema.alterTable('entities', table => {
    table
      .integer('remediated_count')
      .notNullable()
      .defaultTo(0)
      .comment('findings resolved by scans, all time');
    table
      .bigInteger('remediation_ms_sum')
      .notNullable()
      .defaultTo(0)
      .comment('sum of (resolved at - first seen)');
  });

  // Backfill from the findings already stored (waivers are taken into
  // account again at each entity's next scan or waiver change).
  await knex.raw(`
    insert into entity_rule_counts (entity_ref, rule_id, category, severity, open, waived, suppressed)
    select entity_ref, rule_id, min(category), min(severity),
      sum(case when suppressed then 0 else 1 end), 0, sum(case when suppressed then 1 else 0 end)
    from findings where status = 'open'
    group by entity_ref, rule_id`);
  await knex.raw(`
    update entities set
      remediated_count = (select count(*) from findings f
        where f.entity_ref = entities.entity_ref and f.status = 'resolved'),
      remediation_ms_sum = coalesce((select sum(f.resolved_at - f.first_seen_at) from findings f
        where f.entity_ref = entities.entity_ref and f.status = 'resolved'), 0)`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('entities', table => {
    table.dropColumn('remediated_count');
    table.dropColumn('remediation_ms_sum');
  });
  await knex.schema.dropTable('entity_rule_counts');
};
