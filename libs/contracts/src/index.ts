export * from './topics';
export * from './integration-event';
export * from './framework-events';
export * from './selection-rules';
