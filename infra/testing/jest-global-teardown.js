'use strict';
// Jest globalTeardown: stops only what jest-global-setup.js started.
const HANDLE = Symbol.for('@growth/infra-testing.handle');

module.exports = async function globalTeardown() {
  const handle = globalThis[HANDLE];
  if (!handle) return;
  delete globalThis[HANDLE];
  await handle.infra.stop();
  for (const name of handle.setVars) delete process.env[name];
};
