/*
 * Infra Compliance backend: when an expired waiver stopped counting in the
 * stored figures.
 *
 * An entity's scorecard and findings see a waiver expire at once; the
 * figures stored for the overview and the roll-ups are refreshed by a
 * scheduled task, which marks each expired waiver it has applied.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('waivers', table => {
    table
      .bigInteger('expiry_applied_at')
      .nullable()
      .comment(
        'when the stored scores stopped counting this expired waiver; null while it has not expired or not been applied',
      );
    table.index(['expires_at'], 'ic_waivers_expires_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('waivers', table => {
    table.dropIndex(['expires_at'], 'ic_waivers_expires_idx');
    table.dropColumn('expiry_applied_at');
  });
};
