/*
 * Infra Compliance backend: the entities that cannot be scanned, by ref.
 *
 * Their list sorts by entity ref byte by byte (`collate "C"` on PostgreSQL,
 * as SQLite compares text). The primary key has the database's collation,
 * which gives another order: PostgreSQL no longer walked it to the page but
 * read and sorted every entity that cannot be scanned for each page. This
 * index, of those entities only, gives that order as it is. SQLite needs
 * none: its primary key is in that order already.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  await knex.raw(
    'create index ic_entities_unscannable_ref_idx on entities (entity_ref collate "C") where in_catalog and not scannable',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  await knex.raw('drop index ic_entities_unscannable_ref_idx');
};
