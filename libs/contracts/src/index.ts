export * from './topics';
export * from './integration-event';
export * from './framework-events';
export * from './framework-event-schemas';
export * from './selection-rules';
export * from './shape';
export * from './json-schema';
