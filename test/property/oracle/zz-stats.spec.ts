import * as fc from 'fast-check';
import { materialise } from '../world/materialise';
import { worldSpecArb } from '../world/world-spec';
import { expectedView } from './expected-views';
import { LedgerModel } from './ledger-model';
it('stats', () => {
  const specs = fc.sample(worldSpecArb(), { numRuns: 30, seed: 20250615 });
  const ok: Record<string, number> = {}; const ko: Record<string, number> = {}; let intents = 0, cmds = 0;
  let nonemptyG = 0; let mandateOnly = 0, hiddenFacts = 0, sharedVisible = 0, redacted = 0, inbox = 0, identityRedacted = 0, revokedHidden = 0, suspendedHidden = 0, clueSteps = 0;
  for (const spec of specs) {
    const world = materialise(spec, { suffix: 'g', today: '2025-06-15', registrar: { agencyId: 'root', officerId: 'root-admin' } });
    const model = new LedgerModel();
    model.seedAgency({ id: 'root', name: 'Root', country: 'BE', kind: 'POLICE', mandates: [] }, { id: 'root-admin', name: 'R', roles: ['AGENCY_ADMIN'], auditScope: 'OWN', suspended: false });
    intents += spec.intents.length; for (const c of world.commands) { if (c.op==='changeAgencyMandates') { const ag = model.agencies.get(c.actor.agencyId); if (ag) { const lost = ag.mandates.filter(m => !c.input.mandates.includes(m)); const holds=[...model.cases.values()].some(k => { const sh=k.shares.get(ag.id); return sh && !sh.revoked && sh.categories.some(x => lost.includes(x)); }); if (holds) nonemptyG++; } } cmds++; const p = model.apply(c, { today: '2025-06-15', at: { notBefore: 0, notAfter: 1 } }); if (p.accepted) ok[c.op] = (ok[c.op] ?? 0) + 1; else ko[c.op + ':' + p.rule] = (ko[c.op + ':' + p.rule] ?? 0) + 1; if (p.accepted && c.op !== 'submitClue' && c.op.includes('Clue')) clueSteps++; }
    for (const a of world.agencies) {
      const v = expectedView(model, a.id, '2025-06-15');
      const mand = model.agencies.get(a.id)!.mandates;
      for (const rec of model.cases.values()) {
        const sh = rec.shares.get(a.id);
        if (rec.owner === a.id || !sh) continue;
        if (sh.revoked) { revokedHidden++; continue; }
        if (!model.isInForce(sh.agreementId, '2025-06-15')) { suspendedHidden++; continue; }
        sharedVisible++;
        const ag = model.agreements.get(sh.agreementId)!;
        for (const f of rec.facts) {
          if (['CLEAR','GREEN','AMBER','AMBER_STRICT','RED'].indexOf(f.input.markings.tlp) > ['CLEAR','GREEN','AMBER','AMBER_STRICT','RED'].indexOf(ag.maxTlp)) { hiddenFacts++; continue; }
          const cats: string[] = f.type === 'person' ? [f.input.role === 'SUSPECT' ? 'SUSPECT_IDENTITY' : 'VICTIM_IDENTITY'] : f.type === 'moneyFlow' ? ['FINANCIAL'] : f.type === 'route' ? ['TRAVEL_ROUTE'] : [];
          for (const c of cats) { if (!sh.categories.includes(c as never)) redacted++; void mand; }
        }
      }
      for (const [id, cv] of v.cases) { const rec = model.cases.get(id)!; if (rec.owner === a.id) continue; const sh = rec.shares.get(a.id)!; const walk = (x: unknown): void => { if (Array.isArray(x)) x.forEach(walk); else if (x && typeof x === 'object') { const o = x as Record<string, unknown>; if (typeof o.category === 'string' && o.redacted === true && sh.categories.includes(o.category as never)) mandateOnly++; Object.values(o).forEach(walk); } }; walk(cv); }
      inbox += v.inbox.length;
      for (const id of v.inbox) { const j = JSON.stringify(v.clues.get(id)); if (j.includes('"redacted":true')) identityRedacted++; }
    }
  }
  let narrows=0, nonempty=0; for (const spec of specs) for (const i of spec.intents) if (i.type==='changeMandates') { narrows++; } console.log('narrows', narrows, 'hurting', nonemptyG); console.log(JSON.stringify({ intents, cmds, ok, ko }, null, 0)); console.log(JSON.stringify({ sharedVisible, redacted, mandateOnly, hiddenFacts, revokedHidden, suspendedHidden, inbox, identityRedacted, clueSteps }));
});
