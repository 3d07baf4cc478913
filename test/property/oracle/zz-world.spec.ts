import * as fc from 'fast-check';
import { materialise } from '../world/materialise';
import { worldSpecArb } from '../world/world-spec';
import { LedgerModel } from './ledger-model';
import { describeCommand } from '../world/commands';
it('one world', () => {
  const [spec] = fc.sample(worldSpecArb(), { numRuns: 1, seed: 11 });
  const world = materialise(spec, { suffix: 'g', today: '2025-06-15', registrar: { agencyId: 'root', officerId: 'root-admin' } });
  const model = new LedgerModel();
  model.seedAgency({ id: 'root', name: 'Root', country: 'BE', kind: 'POLICE', mandates: [] }, { id: 'root-admin', name: 'R', roles: ['AGENCY_ADMIN'], auditScope: 'OWN', suspended: false });
  const label = (t: string) => t.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => world.labels.get(id) ?? id);
  const lines = [`intents ${spec.intents.length}: ` + spec.intents.map(i => i.type).join(' ')];
  for (const c of world.commands) { const p = model.apply(c, { today: '2025-06-15', at: { notBefore: 0, notAfter: 1 } }); lines.push(label(`${p.accepted ? 'OK ' : 'NO ' + p.rule} ${describeCommand(c)}`).slice(0, 260)); }
  console.log(lines.join('\n'));
});
