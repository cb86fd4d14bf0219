export {
  DEAD_LETTER_QUEUE,
  DeadLetters,
  type NewDeadLetter,
} from './dead-letters';
export {
  eventActivity,
  type EventActivity,
  eventActivityChannel,
  queueProgress,
  type QueueProgressMessage,
} from './event-activity-channel';
export {
  EventActivityPublisher,
} from './event-activity-publisher';
export {
  EventActivityUpdates,
} from './event-activity-updates';
export {
  commandIdOf,
  isWorkNotice,
  JOB_KINDS,
  type JobKind,
  type JobOf,
  partitionJob,
  type PartitionJob,
  type ReservationCommand,
} from './jobs';
export {
  allPartitionQueueNames,
  partitionFor,
  partitionQueueName,
} from './partition';
export {
  PartitionQueues,
} from './partition-queues';
export {
  createRedisConnection,
  deleteKeysMatching,
  type RedisConnection,
} from './redis';
export {
  reservationChannel,
  reservationUpdate,
  type ReservationUpdate,
} from './reservation-channel';
export {
  ReservationPublisher,
} from './reservation-publisher';
export {
  ReservationUpdates,
} from './reservation-updates';
