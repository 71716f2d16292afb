/**
 * `npm run db:roles -w @meridian/db-driver -- <admin url> [--owner name] [--app name] [--passwords]`
 *
 * For a setup that has one administrator URL: creates the database's owner and app roles (default
 * `<database>_owner` and `<database>_app`), hands the database and anything already in it to the owner,
 * and prints the two connection strings to use as MERIDIAN_MIGRATE_URL and DATABASE_URL. Idempotent.
 */
import { parseArgs } from 'node:util';
import { provisionDatabaseRoles } from './provision.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { owner: { type: 'string' }, app: { type: 'string' }, passwords: { type: 'boolean', default: false } },
});
const adminUrl = positionals[0] ?? process.env.MERIDIAN_ADMIN_URL;
if (!adminUrl) {
  console.error('db:roles: give the administrator URL of the database, e.g. postgres://root@127.0.0.1:5432/meridian_hk');
  process.exit(2);
}
try {
  const roles = await provisionDatabaseRoles(adminUrl, { ownerRole: values.owner, appRole: values.app, passwords: values.passwords });
  console.log(`# owner role ${roles.ownerRole} (migrates, owns the schema); app role ${roles.appRole} (DML only, owns nothing)`);
  console.log(`MERIDIAN_MIGRATE_URL=${roles.ownerUrl}`);
  console.log(`DATABASE_URL=${roles.appUrl}`);
} catch (error) {
  console.error(`db:roles: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
