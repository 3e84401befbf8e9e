export * from './service-fixture';
export * from './service-basics';
