import { openScenario } from './support/scenario';
import { viewsSuite } from './support/views-suite';

describe('agency views on the embedded SQLite store and read model', () => {
  viewsSuite(() => openScenario());
});
