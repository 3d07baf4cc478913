import { openReadModel } from '@ledger/projections';
import { openScenario } from './support/scenario';
import { consistencySuite } from './support/consistency-suite';

describe('checkpoint and views on SQLite', () => {
  consistencySuite(
    (options) => openScenario(options),
    () => openReadModel('sqlite::memory:'),
  );
});
