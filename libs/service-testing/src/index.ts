export * from './service-fixture';
export * from './service-basics';
export * from './integration-events';
export * from './graphql-calls';
