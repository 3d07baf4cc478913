/**
 * @ledger/platform — what every Liaison Ledger process shares: configuration, structured logs,
 * metrics, progress reporting, authentication, error codes, health checks, shutdown hooks and an
 * in-process pub/sub. Depends on no domain code.
 */
export * from './config/config-error';
export * from './config/ledger-config';
export * from './errors/error-codes';
export * from './errors/ledger-errors';
export * from './errors/error-registry';
export * from './auth/auth-error';
export * from './auth/jwt-secret-file';
export * from './auth/token-service';
export * from './auth/viewer';
export * from './auth/viewer-resolver';
export * from './logging/logger';
export * from './logging/nest-logger';
export * from './logging/request-context';
export * from './metrics/ledger-metrics';
export * from './metrics/instrument-event-store';
export * from './progress/progress';
export * from './health/health-registry';
export * from './health/checks';
export * from './lifecycle/shutdown-registry';
export * from './pubsub/pubsub';
export * from './nest/tokens';
export * from './nest/platform.module';
