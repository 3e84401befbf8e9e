'use strict';
// Jest globalSetup: starts PostgreSQL and Kafka unless TEST_DATABASE_URL / KAFKA_BROKERS are set.
// Test workers are forked after this runs, so they inherit the variables set here.
const { startTestInfra } = require('./index');

const HANDLE = Symbol.for('@growth/infra-testing.handle');

module.exports = async function globalSetup() {
  if (globalThis[HANDLE]) return; // already started, e.g. by another project of the same Jest run
  const infra = await startTestInfra();
  const setVars = Object.keys(infra.env).filter((name) => !process.env[name]);
  for (const name of setVars) process.env[name] = infra.env[name];
  globalThis[HANDLE] = { infra, setVars };
};
