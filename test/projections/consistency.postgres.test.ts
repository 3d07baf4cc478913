import { describeWithPostgres } from '../support/postgres';
import { consistencySuite } from './support/consistency-suite';
import { postgresScenarios } from './support/postgres-scenario';

describeWithPostgres('checkpoint and views on PostgreSQL', () => {
  const postgres = postgresScenarios();
  consistencySuite((options) => postgres.open(options), postgres.scratch);
});
