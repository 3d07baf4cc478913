import { randomBytes } from 'node:crypto';
import { openReadModel, type ReadModel } from '@ledger/projections';
import { createTestDatabase, createTestSchema, type TestDatabase } from '../../support/postgres';
import { openScenario, type Scenario } from './scenario';

/** A PostgreSQL database for one test file; each scenario gets its own store schema and read-model schema. */
export function postgresScenarios(): { open: (options?: { project?: boolean }) => Promise<Scenario>; scratch: () => Promise<ReadModel> } {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('ledger_test_projections');
  });
  afterAll(async () => {
    await database?.drop();
  });
  const readModelUrl = (): string => {
    const url = new URL(database.url);
    url.searchParams.set('schema', `views_${randomBytes(5).toString('hex')}`);
    return url.toString();
  };
  return {
    open: async (options = {}) => openScenario({ ...options, storeUrl: await createTestSchema(database), readModelUrl: readModelUrl() }),
    scratch: () => openReadModel(readModelUrl()),
  };
}
