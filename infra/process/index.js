'use strict';
// Process helpers for servers started as child processes. infra/kafka and infra/postgres each carry an
// identical copy of this file (keep them in sync). The two copies share one registry through a global
// symbol, so a signal finds one listener of ours, however many copies are loaded.
const fs = require('node:fs');
const net = require('node:net');

const REGISTRY = Symbol.for('@growth/infra.lifecycle');
const HAS_PROC = fs.existsSync('/proc/self/stat');

/** A TCP port that was free on 127.0.0.1 a moment ago. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function registry() {
  if (globalThis[REGISTRY]) return globalThis[REGISTRY];
  const entries = new Set();
  globalThis[REGISTRY] = entries;

  // Only synchronous work is possible here: kill and wait by polling.
  process.on('exit', () => {
    for (const entry of entries) {
      try {
        entry.killSync();
      } catch {
        // keep going: the other servers must die too
      }
    }
    entries.clear();
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = async () => {
      // A CLI or test runner that listens too owns the shutdown; the 'exit' hook is the safety net.
      if (process.listenerCount(signal) > 1) return;
      await Promise.allSettled([...entries].map((entry) => entry.stop()));
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal); // die the way the signal would have killed us
    };
    process.on(signal, onSignal);
  }
  return entries;
}

/**
 * Registers a server to stop when this process ends.
 * entry.stop(): graceful, used on a signal nobody else handles; entry.killSync(): used on 'exit'.
 * Returns a function that unregisters it.
 */
function onProcessEnd(entry) {
  const entries = registry();
  entries.add(entry);
  return () => entries.delete(entry);
}

function isRunning(child) {
  return child.exitCode === null && child.signalCode === null;
}

function isAlive(pid) {
  if (HAS_PROC) {
    try {
      // An exited but unreaped child is a zombie ('Z'): Node cannot reap it while we block.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat[stat.lastIndexOf(')') + 2] !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Synchronous kill for 'exit' handlers: signal, wait up to timeoutMs, then SIGKILL. */
function killSync(child, signal, timeoutMs) {
  if (!child.pid || !isRunning(child)) return;
  const waitFor = (ms) => {
    const deadline = Date.now() + ms;
    while (isAlive(child.pid) && Date.now() < deadline) sleepSync(20);
    return !isAlive(child.pid);
  };
  try {
    process.kill(child.pid, signal);
  } catch {
    return;
  }
  if (waitFor(timeoutMs) || signal === 'SIGKILL') return;
  try {
    process.kill(child.pid, 'SIGKILL');
  } catch {
    return;
  }
  waitFor(2000);
}

/** Sends signal, then SIGKILL if the child has not exited after timeoutMs. Resolves once it has exited. */
function stopChild(child, signal, timeoutMs) {
  if (!child.pid || !isRunning(child)) return Promise.resolve(); // no pid: it never started
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

module.exports = { freePort, onProcessEnd, isRunning, killSync, stopChild };
