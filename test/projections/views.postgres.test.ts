import { describeWithPostgres } from '../support/postgres';
import { postgresScenarios } from './support/postgres-scenario';
import { viewsSuite } from './support/views-suite';

describeWithPostgres('agency views on the PostgreSQL store and read model', () => {
  const postgres = postgresScenarios();
  viewsSuite(() => postgres.open());
});
