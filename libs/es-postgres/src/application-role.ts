import { Client } from 'pg';

/** The role services connect as at run time: it owns no tables and is subject to row-level security. */
export interface ApplicationRole {
  readonly name: string;
  readonly password: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

const withClient = async <T>(url: string, work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/**
 * Creates (or re-passwords) the application role with an administrator's connection. Deliberately NOSUPERUSER and
 * NOBYPASSRLS: the database, not only the code, keeps tenants apart.
 */
export const ensureApplicationRole = async (adminUrl: string, role: ApplicationRole): Promise<void> => {
  if (!IDENTIFIER.test(role.name)) throw new Error(`Invalid role name: ${role.name}`);
  await withClient(adminUrl, async (client) => {
    // Roles are cluster-wide: serialise concurrent starters (test workers, services) on one lock.
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('growth:ensure-role'))`);
    const { rows } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
    const verb = rows.length ? 'ALTER' : 'CREATE';
    const password = (await client.query('SELECT quote_literal($1) AS p', [role.password])).rows[0].p as string;
    await client.query(`${verb} ROLE ${role.name} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${password}`);
    await client.query('COMMIT');
  });
};

/** Lets the application role use, but not own or alter, everything the migrations created. */
export const grantApplicationRole = async (ownerUrl: string, roleName: string): Promise<void> => {
  if (!IDENTIFIER.test(roleName)) throw new Error(`Invalid role name: ${roleName}`);
  await withClient(ownerUrl, async (client) => {
    await client.query(`GRANT USAGE ON SCHEMA public TO ${roleName}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${roleName}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${roleName}`);
  });
};

/** `url` with another user and password. */
export const urlForRole = (url: string, role: ApplicationRole): string => {
  const u = new URL(url);
  u.username = role.name;
  u.password = encodeURIComponent(role.password);
  return u.toString();
};
