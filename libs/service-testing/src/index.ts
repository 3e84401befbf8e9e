export * from './service-fixture';
export * from './service-basics';
export * from './integration-events';
