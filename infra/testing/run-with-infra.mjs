#!/usr/bin/env node
// node infra/testing/run-with-infra.mjs <command...>
// Starts PostgreSQL and Kafka once (unless TEST_DATABASE_URL / KAFKA_BROKERS are set), runs the command with
// both variables exported, stops the servers and exits with the command's exit code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import testing from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binDir = path.join(repoRoot, 'node_modules', '.bin');
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node infra/testing/run-with-infra.mjs <command> [args...]');
  process.exit(2);
}

const signalExitCode = (signal) => 128 + (constants.signals[signal] ?? 1);
let child;

function onSignal(signal) {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill(signal); // we finish when it exits
  } else {
    // Still starting, or tearing down: exit now; the servers' exit hooks kill them and remove temp data.
    process.exit(signalExitCode(signal));
  }
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

let infra;
try {
  infra = await testing.startTestInfra();
} catch (err) {
  console.error(`[infra] could not start: ${err.message}`);
  process.exit(1);
}

// Bare names (nx, jest, …) come from the repo's node_modules/.bin first, as under `npm run`.
const local = path.join(binDir, command);
const executable = !command.includes(path.sep) && existsSync(local) ? local : command;
child = spawn(executable, args, {
  stdio: 'inherit',
  shell: false,
  env: { ...process.env, ...infra.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` },
});

const exitCode = await new Promise((resolve) => {
  child.on('error', (err) => {
    console.error(`[infra] could not run ${command}: ${err.message}`);
    resolve(127);
  });
  child.on('exit', (code, signal) => resolve(code ?? signalExitCode(signal)));
});

try {
  await infra.stop();
} catch (err) {
  console.error(`[infra] stopping failed: ${err.message}`);
}
process.exit(exitCode);
