import type { Logger, Principal } from '@onsale/shared';

/** Who is asking, and the request id that follows the request into its jobs and logs. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  log: Logger;
}
