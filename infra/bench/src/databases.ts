import { Client } from 'pg';

/** The benchmarks' own databases on the bench server: each run creates its databases and drops them at the end. */

export const databaseUrl = (adminUrl: string, database: string): string => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

export const withAdmin = async <T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export const createDatabase = async (adminUrl: string, database: string): Promise<string> => {
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  });
  return databaseUrl(adminUrl, database);
};

export const dropDatabases = (adminUrl: string, databases: readonly string[]): Promise<void> =>
  withAdmin(adminUrl, async (client) => {
    for (const database of databases) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  });
