/**
 * Admission control and rate limits off: tests that drive hundreds of requests from one address
 * and one customer, and count every request's decision through the queue, see the API as it
 * was before them. The tests of admission control turn each on.
 */
export const WITHOUT_ADMISSION_CONTROL: Record<string, string> = {
  RATE_LIMIT_ENABLED: 'false',
  ADMISSION_SOLD_OUT_IMMEDIATE: 'false',
  ADMISSION_MAX_WAIT_SECONDS: '0',
  MAX_QUEUED_PER_CUSTOMER: '0',
};
