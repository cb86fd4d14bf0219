export { startPrivatePostgres, privatePostgresAvailable, type PrivatePostgres } from './private-postgres';
export { startClusterUnderTest, CHAOS_JWT_SECRET, type ClusterUnderTest, type ClusterOptions, type ProcessExit } from './cluster-under-test';
export { rush, type RushOptions, type RushResult, type RushAttempt, type AcceptedRequest } from './rush';
export { verifyRush, mustBeZero, ALL_ZERO, type Verification } from './verify';
export { CHAOS_FULL, bySize } from './scale';
export { reportScenario } from './report';
export { startPrivateRedis, type PrivateRedis } from '../../support/private-redis';
export { watchDecisions, type DecisionWatch } from './decision-watch';
export { firstAcceptedAfter, attemptsSentBetween } from './recovery';
