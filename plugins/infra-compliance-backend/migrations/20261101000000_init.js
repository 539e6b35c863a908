/*
 * Infra Compliance backend: initial schema.
 *
 * Times are epoch milliseconds in BIGINT columns, so that day buckets
 * (floor(ms / 86400000)) and durations (resolved_at - first_seen_at) are plain
 * integer arithmetic on both SQLite and PostgreSQL.
 */

const CATEGORY_SCORE_COLUMNS = [
  'score_dlq',
  'score_alarms',
  'score_encryption',
  'score_iam',
  'score_logging',
  'score_operations',
  'score_parsing',
];

/**
 * @param {import('knex').Knex.CreateTableBuilder} table
 */
function scoreColumns(table) {
  table.string('grade', 1).nullable();
  table.integer('score').nullable();
  for (const column of CATEGORY_SCORE_COLUMNS) table.integer(column).nullable();
  table
    .text('categories')
    .nullable()
    .comment('JSON: per category { score, passed, failed }');
  table.integer('open_critical').notNullable().defaultTo(0);
  table.integer('open_high').notNullable().defaultTo(0);
  table.integer('open_medium').notNullable().defaultTo(0);
  table.integer('open_low').notNullable().defaultTo(0);
  table.integer('open_total').notNullable().defaultTo(0);
  table.integer('waived_total').notNullable().defaultTo(0);
  table.integer('suppressed_total').notNullable().defaultTo(0);
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('entities', table => {
    table.comment(
      'Catalog entities the plugin knows about, refreshed at each scan',
    );
    table.string('entity_ref', 255).primary().comment('Lower-case entity ref');
    table.string('kind', 63).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('name', 255).notNullable();
    table.string('title', 255).nullable();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table.string('lifecycle', 63).nullable();
    table.string('type', 63).nullable();
    table.boolean('in_catalog').notNullable().defaultTo(true);
    table.boolean('scannable').notNullable().defaultTo(false);
    table.text('unscannable_reason').nullable();
    table.string('source_type', 15).nullable();
    table.text('source_target').nullable();
    table.string('last_scan_id', 36).nullable();
    table.string('last_scan_status', 15).nullable();
    table.bigInteger('last_scan_at').nullable();
    table.text('last_scan_error').nullable();
    table.string('last_success_scan_id', 36).nullable();
    table.bigInteger('last_success_at').nullable();
    table
      .string('etag', 255)
      .nullable()
      .comment('ETag of the tree of the last successful scan');
    table.string('engine_signature', 64).nullable();
    scoreColumns(table);
    table.string('lock_scan_id', 36).nullable();
    table.bigInteger('lock_at').nullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['owner_ref'], 'ic_entities_owner_idx');
    table.index(['system_ref'], 'ic_entities_system_idx');
    table.index(['kind'], 'ic_entities_kind_idx');
    table.index(['lifecycle'], 'ic_entities_lifecycle_idx');
    table.index(['in_catalog', 'score'], 'ic_entities_score_idx');
    table.index(['in_catalog', 'scannable'], 'ic_entities_scannable_idx');
  });

  await knex.schema.createTable('scans', table => {
    table.comment('One scan of one entity');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table
      .string('trigger', 15)
      .notNullable()
      .comment('schedule | manual | new-entity');
    table.string('requested_by', 255).nullable();
    table
      .string('status', 15)
      .notNullable()
      .comment('queued | running | succeeded | failed | unchanged');
    table.string('source_type', 15).nullable();
    table.text('source_target').nullable();
    table
      .string('etag', 255)
      .nullable()
      .comment('ETag / revision of the tree this scan read');
    table.string('previous_etag', 255).nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').nullable();
    table.integer('duration_ms').nullable();
    table.text('error').nullable();
    table.integer('files_scanned').nullable();
    table.integer('files_skipped').nullable();
    table.integer('checks_total').nullable();
    table.integer('findings_total').nullable();
    table.integer('findings_new').nullable();
    table.integer('findings_reopened').nullable();
    table.integer('findings_resolved').nullable();
    table.index(['entity_ref', 'created_at'], 'ic_scans_entity_idx');
    table.index(['status'], 'ic_scans_status_idx');
  });

  await knex.schema.createTable('scan_checks', table => {
    table.comment('Checks of a scan, counted per rule (the scorecard input)');
    table.string('scan_id', 36).notNullable();
    table.string('rule_id', 31).notNullable();
    table.string('category', 31).notNullable();
    table.string('severity', 15).notNullable();
    table.integer('passed').notNullable();
    table.integer('failed').notNullable();
    table.primary(['scan_id', 'rule_id']);
  });

  await knex.schema.createTable('findings', table => {
    table.comment(
      'Findings with their lifecycle, one row per (entity, fingerprint)',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('fingerprint', 64).notNullable();
    table.string('status', 15).notNullable().comment('open | resolved');
    table.string('rule_id', 31).notNullable();
    table.string('severity', 15).notNullable();
    table.smallint('severity_rank').notNullable().comment('0 critical … 3 low');
    table.string('category', 31).notNullable();
    table.string('format', 31).notNullable();
    table.string('confidence', 15).notNullable();
    table.text('file').notNullable();
    table.integer('line').notNullable();
    table.string('resource_id', 255).notNullable();
    table.string('resource_type', 255).notNullable();
    table.text('property').nullable();
    table.text('message').notNullable();
    table.boolean('suppressed').notNullable().defaultTo(false);
    table.text('suppression_reason').nullable();
    table.bigInteger('first_seen_at').notNullable();
    table.bigInteger('last_seen_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table.bigInteger('reopened_at').nullable();
    table.integer('reopened_count').notNullable().defaultTo(0);
    table.string('first_scan_id', 36).notNullable();
    table.string('last_scan_id', 36).notNullable();
    table.string('resolved_scan_id', 36).nullable();
    table.unique(['entity_ref', 'fingerprint'], {
      indexName: 'ic_findings_identity_uq',
    });
    table.index(
      ['entity_ref', 'status', 'severity_rank'],
      'ic_findings_entity_severity_idx',
    );
    table.index(
      ['entity_ref', 'status', 'category'],
      'ic_findings_entity_category_idx',
    );
    table.index(
      ['entity_ref', 'status', 'rule_id'],
      'ic_findings_entity_rule_idx',
    );
    table.index(
      ['entity_ref', 'first_seen_at'],
      'ic_findings_entity_first_seen_idx',
    );
    table.index(
      ['entity_ref', 'resolved_at'],
      'ic_findings_entity_resolved_idx',
    );
  });

  await knex.schema.createTable('waivers', table => {
    table.comment(
      'Waivers granted in Backstage: a rule, or one finding, of one entity',
    );
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('rule_id', 31).nullable();
    table.string('fingerprint', 64).nullable();
    table.text('reason').notNullable();
    table.string('author', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('expires_at').nullable();
    table.bigInteger('revoked_at').nullable();
    table.string('revoked_by', 255).nullable();
    table.index(['entity_ref', 'revoked_at'], 'ic_waivers_entity_idx');
  });

  await knex.schema.createTable('score_snapshots', table => {
    table.comment('The scorecard after each successful scan, for trends');
    table.bigIncrements('id').primary();
    table.string('scan_id', 36).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.bigInteger('taken_at').notNullable();
    scoreColumns(table);
    table.integer('new_count').notNullable().defaultTo(0);
    table.integer('reopened_count').notNullable().defaultTo(0);
    table.integer('resolved_count').notNullable().defaultTo(0);
    table.index(['entity_ref', 'taken_at'], 'ic_snapshots_entity_idx');
    table.index(['taken_at'], 'ic_snapshots_taken_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('score_snapshots');
  await knex.schema.dropTable('waivers');
  await knex.schema.dropTable('findings');
  await knex.schema.dropTable('scan_checks');
  await knex.schema.dropTable('scans');
  await knex.schema.dropTable('entities');
};
