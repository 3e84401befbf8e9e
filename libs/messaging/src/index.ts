export * from './transport';
export * from './kafka-transport';
export * from './in-process-transport';
export * from './in-process-transport.migration';
export * from './outbox-relay';
export * from './projection-consumer';
export * from './service-infrastructure';
