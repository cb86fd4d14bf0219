import { randomUUID } from 'node:crypto';
import { commandIdOf, isWorkNotice, JOB_KINDS, partitionJob } from './jobs';

describe('partitionJob', () => {
  const eventId = randomUUID();
  const reservationId = randomUUID();

  it('accepts every job kind, each carrying its partition, and gives a command id that makes enqueueing idempotent', () => {
    expect(partitionJob.parse({ kind: 'decide', partition: 3, requestId: 'r1' }).kind).toBe('decide');
    expect(commandIdOf({ kind: 'decide', partition: 3, requestId: 'r1' })).toBe('decide-p3');
    expect(commandIdOf({ kind: 'confirm', partition: 0, eventId, reservationId, requestId: 'r2' })).toBe(`confirm-${reservationId}`);
    expect(commandIdOf({ kind: 'expire', partition: 0, eventId, requestId: 'r3' })).toBe(`expire-${eventId}`);
    expect(partitionJob.parse({ kind: 'confirm', partition: 0, eventId, reservationId, requestId: 'r2' }).kind).toBe('confirm');
  });

  it('rejects an unknown kind, a command without its reservation and a job without its partition', () => {
    expect(partitionJob.safeParse({ kind: 'refund', partition: 0, eventId, reservationId, requestId: 'r' }).success).toBe(false);
    expect(partitionJob.safeParse({ kind: 'cancel', partition: 0, eventId, requestId: 'r' }).success).toBe(false);
    expect(partitionJob.safeParse({ kind: 'decide', eventId, requestId: 'r' }).success).toBe(false);
    expect(partitionJob.safeParse({ kind: 'decide', partition: -1, requestId: 'r' }).success).toBe(false);
    expect(partitionJob.safeParse({ kind: 'decide', partition: 1.5, requestId: 'r' }).success).toBe(false);
  });

  it('lists every kind, and tells work notices (deduplicated per target) from commands on one reservation', () => {
    expect([...JOB_KINDS].sort()).toEqual(['cancel', 'confirm', 'decide', 'draw', 'expire']);
    expect(isWorkNotice({ kind: 'decide', partition: 0, requestId: 'r' })).toBe(true);
    expect(isWorkNotice({ kind: 'expire', partition: 0, eventId, requestId: 'r' })).toBe(true);
    expect(isWorkNotice({ kind: 'draw', partition: 0, eventId, requestId: 'r' })).toBe(true);
    expect(commandIdOf({ kind: 'draw', partition: 0, eventId, requestId: 'r' })).toBe(`draw-${eventId}`);
    expect(isWorkNotice({ kind: 'cancel', partition: 0, eventId, reservationId, requestId: 'r' })).toBe(false);
  });
});
