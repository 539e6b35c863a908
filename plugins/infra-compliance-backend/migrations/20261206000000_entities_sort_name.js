/*
 * Infra Compliance backend: the key the services list sorts by name.
 *
 * A row shows the entity's title, else its name; sorting by
 * `lower(coalesce(title, name))` put `Éb` before `éa` on SQLite (whose
 * `lower()` folds ASCII only) and after `z` on PostgreSQL with a C collation,
 * and followed the database's collation elsewhere. The key is folded once, on
 * write, in JavaScript (accents and case aside), and compared byte by byte
 * (`collate "C"` on PostgreSQL, SQLite's default), so every database sorts
 * the same way.
 */

/**
 * What the store writes (sortNameOf in src/database/sortName.ts), as it was
 * when this migration was written: migrations do not follow later changes.
 *
 * @param {string} name
 * @param {string | null} title
 */
function sortNameOf(name, title) {
  return (title ?? name)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .toLocaleLowerCase('en-US');
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('entities', table => {
    table
      .text('sort_name')
      .nullable()
      .comment(
        'The title, else the name, without accents and case: the services list sorts by it, byte by byte',
      );
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      'alter table entities alter column sort_name type text collate "C"',
    );
  }
  const rows = await knex('entities').select('entity_ref', 'name', 'title');
  for (const row of rows) {
    await knex('entities')
      .where('entity_ref', row.entity_ref)
      .update({ sort_name: sortNameOf(row.name, row.title) });
  }
  await knex.schema.alterTable('entities', table => {
    table.index(['in_catalog', 'sort_name'], 'ic_entities_sort_name_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('entities', table => {
    table.dropIndex(['in_catalog', 'sort_name'], 'ic_entities_sort_name_idx');
    table.dropColumn('sort_name');
  });
};
