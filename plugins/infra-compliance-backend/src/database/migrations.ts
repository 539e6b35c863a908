import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const PACKAGE_NAME =
  '@infra-compliance/backstage-plugin-infra-compliance-backend';

/** The knex migrations folder of this package. */
export function migrationsDirectory(): string {
  return resolvePackagePath(PACKAGE_NAME, 'migrations');
}

/** Brings the plugin's schema up to date (idempotent; safe on every start). */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDirectory() });
}
