export * from './event-store.migration';
export * from './data-source';
export * from './postgres-event-store';
export * from './outbox';
export * from './processed-events';
