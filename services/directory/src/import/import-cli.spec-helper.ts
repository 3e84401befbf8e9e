import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The import CLI as its own process, from its TypeScript sources (not a build that may be stale): a require hook
 * compiles them with swc and the repository's .swcrc and maps @growth/* to their sources, as Jest does. Not a spec
 * itself (the build skips *.spec*.ts).
 */

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.resolve(__dirname, '../import-cli.ts');

const REGISTER = `'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const root = ${JSON.stringify(ROOT)};
const { transformSync } = require(require.resolve('@swc/core', { paths: [root] }));
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
const sources = {};
for (const folder of ['libs', 'services']) {
  for (const name of fs.readdirSync(path.join(root, folder))) {
    const index = path.join(root, folder, name, 'src/index.ts');
    if (fs.existsSync(index)) sources['@growth/' + name] = index;
  }
}
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return resolve.call(this, sources[request] || request, ...rest); };
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, swcrc: false, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
`;

let registerFile: string | undefined;
const register = (): string => {
  if (!registerFile) {
    registerFile = path.join(mkdtempSync(path.join(tmpdir(), 'directory-import-cli-')), 'register.js');
    writeFileSync(registerFile, REGISTER);
  }
  return registerFile;
};

export interface CliProcess {
  readonly pid: number;
  kill(signal: NodeJS.Signals): void;
  /** How it ended: exit code or signal, and everything it printed. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export const spawnImportCli = (args: readonly string[], env: Record<string, string>): CliProcess => {
  const child = spawn(process.execPath, ['--no-experimental-strip-types', '-r', register(), CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { pid: child.pid as number, kill: (signal) => void child.kill(signal), exited };
};
