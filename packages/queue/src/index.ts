export * from './jobs';
export * from './partition';
export * from './partition-queues';
export * from './redis';
export * from './reservation-channel';
export * from './reservation-publisher';
export * from './reservation-updates';
