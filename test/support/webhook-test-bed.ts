import postgres from 'postgres';
import { createTestEnvironment, type TestEnvironment } from './test-environment';
import { WebhookReceiver } from './webhook-receiver';

/** What a webhook worker test runs against: its own database and key prefix, a SQL client on it, and a real HTTP receiver. */
export interface WebhookTestBed {
  env: TestEnvironment;
  pg: postgres.Sql;
  receiver: WebhookReceiver;
}

/**
 * Sets the bed up before the file's tests and takes it down after them; `closeFirst` (the file's
 * workers) is closed before the receiver and the database go, whatever order Jest runs hooks in.
 */
export function useWebhookTestBed(closeFirst?: () => Promise<unknown>): WebhookTestBed {
  const bed = { receiver: new WebhookReceiver() } as WebhookTestBed;
  beforeAll(async () => {
    bed.env = await createTestEnvironment();
    bed.pg = postgres(bed.env.databaseUrl, { max: 2, onnotice: () => {} });
    await bed.receiver.start();
  });
  afterAll(async () => {
    await closeFirst?.();
    await bed.receiver.stop();
    await bed.pg?.end({ timeout: 5 });
    await bed.env?.dispose();
  });
  return bed;
}
