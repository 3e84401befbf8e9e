'use strict';
// A real single-node Kafka broker (KRaft) for tests and development, run from Maven Central jars.
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { freePort, onProcessEnd, killSync, stopChild, isRunning } = require('@growth/infra-process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const LIBS_DIR = path.join(REPO_ROOT, '.cache', 'kafka', 'libs');
const POM = path.join(__dirname, 'pom.xml');
const LOG_CONFIG = path.join(__dirname, 'log4j2.properties');
const START_TIMEOUT_MS = 60_000;

const java = () => (process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java');

/** Runs a command; rejects with its captured output when it fails. */
function run(command, args, { inherit = false, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    onSpawn?.(child);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', (err) => reject(new Error(`${command}: ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output.slice(-4000)}`));
    });
  });
}

/**
 * Copies the broker's runtime classpath (pom.xml) into <repo>/.cache/kafka/libs, once per pom version.
 * @returns {Promise<string>} the libs folder
 */
async function resolveKafka({ quiet = true } = {}) {
  const hash = crypto.createHash('sha256').update(fs.readFileSync(POM)).digest('hex').slice(0, 16);
  const marker = path.join(LIBS_DIR, `.resolved-${hash}`);
  if (fs.existsSync(marker)) return LIBS_DIR;

  // Resolve into a fresh folder and swap it in, so an interrupted or older resolve never mixes jars.
  const tmp = `${LIBS_DIR}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const args = [
    ...(quiet ? ['-q'] : []),
    '-B',
    '-f',
    POM,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${tmp}`,
  ];
  try {
    await run(process.env.MVN || 'mvn', args, { inherit: !quiet });
    if (fs.existsSync(marker)) return LIBS_DIR; // another process finished first and may be using it
    fs.rmSync(LIBS_DIR, { recursive: true, force: true });
    fs.renameSync(tmp, LIBS_DIR);
    fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return LIBS_DIR;
}

function serverProperties({ brokerPort, controllerPort, logDir }) {
  return `${[
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${brokerPort}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
  ].join('\n')}\n`;
}

function jvmArgs(dataDir, heapMb) {
  return [
    `-Xmx${heapMb}m`,
    // A test broker: fast start-up and a small footprint matter more than peak throughput.
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG_CONFIG}`,
    `-Dkafka.logs.dir=${dataDir}`,
  ];
}

function clusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id; // an id starting with '-' reads as an option
  }
}

function tail(file, bytes = 4000) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > bytes ? `…${text.slice(-bytes)}` : text;
  } catch {
    return '';
  }
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether the broker serves metadata (a Metadata v4 request, the oldest Kafka 4 still accepts, naming a broker):
 * the same readiness an admin client's listTopics() shows, without a client library in this process.
 */
function servesMetadata(port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const clientId = Buffer.from('infra-kafka-probe');
    const request = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length + 4 + 1);
    let at = request.writeInt32BE(request.length - 4, 0);
    at = request.writeInt16BE(3, at); // api key: Metadata
    at = request.writeInt16BE(4, at); // api version
    at = request.writeInt32BE(1, at); // correlation id
    at = request.writeInt16BE(clientId.length, at);
    at += clientId.copy(request, at);
    at = request.writeInt32BE(-1, at); // topics: null, i.e. all
    request.writeInt8(0, at); // allow_auto_topic_creation: false
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      // size, correlation id, throttle time, broker count: the first 16 bytes say enough.
      if (received.length < 16) return;
      done(received.readInt32BE(4) === 1 && received.readInt32BE(12) > 0);
    });
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a single-node KRaft broker on 127.0.0.1 and resolves once it serves metadata.
 * Without dataDir it uses a temporary folder that stop() removes; a given dataDir keeps its data and its ports.
 */
async function startKafka({ dataDir, port, heapMb = 512, quiet = true } = {}) {
  const libs = await resolveKafka({ quiet });
  const temporary = !dataDir;
  const dir = temporary ? fs.mkdtempSync(path.join(os.tmpdir(), 'growth-kafka-')) : path.resolve(dataDir);
  const logDir = path.join(dir, 'kraft-logs');
  const removeTemp = () => temporary && fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  fs.mkdirSync(logDir, { recursive: true });

  // A kept data folder keeps its ports: clients can reconnect to a restarted broker, and the KRaft quorum it
  // formatted (controller.quorum.voters) stays the same.
  const portsFile = path.join(dir, 'ports.json');
  const kept = !temporary && fs.existsSync(portsFile) ? JSON.parse(fs.readFileSync(portsFile, 'utf8')) : {};
  const brokerPort = port ?? kept.brokerPort ?? (await freePort());
  let controllerPort = kept.controllerPort ?? (await freePort());
  while (controllerPort === brokerPort) controllerPort = await freePort();
  if (!temporary) fs.writeFileSync(portsFile, JSON.stringify({ brokerPort, controllerPort }));
  const brokers = `127.0.0.1:${brokerPort}`;

  // Registered before anything runs, so a signal or exit during start-up cannot orphan the broker.
  let child;
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      unregister();
      if (child) await stopChild(child, 'SIGTERM', 10_000);
      removeTemp();
    })());
  const unregister = onProcessEnd({
    stop,
    killSync() {
      // A temporary broker holds nothing worth a clean shutdown: kill it and remove its folder now.
      if (child) killSync(child, temporary ? 'SIGKILL' : 'SIGTERM', 10_000);
      removeTemp();
    },
  });

  const propsFile = path.join(dir, 'server.properties');
  fs.writeFileSync(propsFile, serverProperties({ brokerPort, controllerPort, logDir }));
  const classpath = ['-cp', path.join(libs, '*')]; // java expands the '*' itself

  if (!fs.existsSync(path.join(logDir, 'meta.properties'))) {
    const format = [...jvmArgs(dir, 256), ...classpath, 'kafka.tools.StorageTool', 'format'];
    const onSpawn = (formatter) => (child = formatter); // so stop() and the exit hook reach it too
    await run(java(), [...format, '-t', clusterId(), '-c', propsFile], { onSpawn }).catch(async (err) => {
      await stop();
      throw new Error(`Kafka storage format failed: ${err.message}`);
    });
  }

  const outFile = path.join(dir, 'broker.out'); // JVM stdout/stderr; log4j writes broker.log
  const out = fs.openSync(outFile, 'a');
  child = spawn(java(), [...jvmArgs(dir, heapMb), ...classpath, 'kafka.Kafka', propsFile], {
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let spawnError;
  child.on('error', (err) => (spawnError = err));

  const deadline = Date.now() + START_TIMEOUT_MS;
  let failure;
  while (!failure) {
    if (spawnError) failure = `java could not be started: ${spawnError.message}`;
    else if (!isRunning(child)) failure = `the broker exited (code ${child.exitCode}, signal ${child.signalCode})`;
    else if (Date.now() > deadline) failure = `the broker was not ready after ${START_TIMEOUT_MS / 1000} s`;
    else if ((await canConnect(brokerPort)) && (await servesMetadata(brokerPort))) {
      return { brokers, port: brokerPort, dataDir: dir, stop };
    } else await sleep(250);
  }
  const logs = `--- broker.log ---\n${tail(path.join(dir, 'broker.log'))}\n--- broker.out ---\n${tail(outFile)}`;
  await stop();
  throw new Error(`Kafka did not start on ${brokers}: ${failure}\n${logs}`);
}

module.exports = { resolveKafka, startKafka, LIBS_DIR };
