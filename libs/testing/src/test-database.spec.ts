import { Client } from 'pg';
import { createTestDatabase } from './test-database';
import { eventually } from './eventually';

describe('createTestDatabase', () => {
  it('creates an isolated, empty database and drops it', async () => {
    const a = await createTestDatabase('iso');
    const b = await createTestDatabase('iso');
    expect(a.name).not.toBe(b.name);
    const client = new Client({ connectionString: a.url });
    await client.connect();
    await client.query('CREATE TABLE only_in_a (id int)');
    await client.end();

    const other = new Client({ connectionString: b.url });
    await other.connect();
    const { rows } = await other.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'only_in_a'");
    await other.end();
    expect(rows[0].n).toBe(0);

    await a.drop();
    await b.drop();
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const left = await admin.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [[a.name, b.name]]);
    await admin.end();
    expect(left.rows).toEqual([]);
  });
});

describe('eventually', () => {
  it('returns once the probe passes and rethrows the last error on timeout', async () => {
    let calls = 0;
    await expect(eventually(() => { calls += 1; if (calls < 3) throw new Error('not yet'); return calls; }, { intervalMs: 1 })).resolves.toBe(3);
    await expect(eventually(() => { throw new Error('never'); }, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow('never');
  });
});
