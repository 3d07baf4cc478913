import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { TokenService } from '../auth/token-service';
import { loadConfig, type LedgerConfig } from '../config/ledger-config';
import { ErrorCodeRegistry, errorCodes } from '../errors/error-registry';
import { HealthRegistry } from '../health/health-registry';
import { ShutdownRegistry } from '../lifecycle/shutdown-registry';
import { createLogger } from '../logging/logger';
import { PinoNestLogger } from '../logging/nest-logger';
import { LedgerMetrics } from '../metrics/ledger-metrics';
import { PubSub } from '../pubsub/pubsub';
import { LEDGER_CONFIG, LEDGER_LOGGER } from './tokens';

export interface PlatformModuleOptions {
  /** Default: loadConfig(process.env). */
  config?: LedgerConfig;
  /** Default: a pino logger at the configured level. */
  logger?: Logger;
  /** Default: a fresh registry with process metrics. */
  metrics?: LedgerMetrics;
  /** Process name in log lines; default `ledger`. */
  service?: string;
}

/**
 * Global module giving every other module the platform services:
 * LEDGER_CONFIG (LedgerConfig), LEDGER_LOGGER (pino Logger), PinoNestLogger, LedgerMetrics,
 * HealthRegistry, ShutdownRegistry, PubSub, TokenService and ErrorCodeRegistry.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(ShutdownRegistry) private readonly shutdown: ShutdownRegistry) {}

  static forRoot(options: PlatformModuleOptions = {}): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: LEDGER_CONFIG, useFactory: () => options.config ?? loadConfig() },
        {
          provide: LEDGER_LOGGER,
          inject: [LEDGER_CONFIG],
          useFactory: (config: LedgerConfig) => options.logger ?? createLogger({ level: config.log.level, service: options.service ?? 'ledger' }),
        },
        { provide: PinoNestLogger, inject: [LEDGER_LOGGER], useFactory: (logger: Logger) => new PinoNestLogger(logger) },
        { provide: LedgerMetrics, useFactory: () => options.metrics ?? new LedgerMetrics({ defaultLabels: { service: options.service ?? 'ledger' } }) },
        { provide: HealthRegistry, useFactory: () => new HealthRegistry() },
        { provide: ShutdownRegistry, inject: [LEDGER_LOGGER], useFactory: (logger: Logger) => new ShutdownRegistry(logger) },
        { provide: PubSub, useFactory: () => new PubSub() },
        { provide: ErrorCodeRegistry, useValue: errorCodes },
        {
          provide: TokenService,
          inject: [LEDGER_CONFIG, LEDGER_LOGGER],
          useFactory: (config: LedgerConfig, logger: Logger) => TokenService.fromConfig(config.auth, { onNotice: (level, message) => logger[level](message) }),
        },
      ],
      exports: [LEDGER_CONFIG, LEDGER_LOGGER, PinoNestLogger, LedgerMetrics, HealthRegistry, ShutdownRegistry, PubSub, ErrorCodeRegistry, TokenService],
    };
  }

  /** Runs the shutdown callbacks if the HTTP server has not already (processes without one, e.g. the projector). */
  async onApplicationShutdown(): Promise<void> {
    await this.shutdown.run();
  }
}
