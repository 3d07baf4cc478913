import { ANSWER_OF, type WorldCommand } from '../world/commands';
import { expectedView, type Json } from './expected-views';
import type { LedgerModel } from './ledger-model';

/**
 * What an accepted command's mutation must answer: the changed entity as the actor's agency sees
 * it right after the change (the same view as any query's), once the oracle has applied it.
 */
export function expectedAnswer(model: LedgerModel, command: WorldCommand, today: string): Json | undefined {
  const viewer = command.actor.agencyId;
  const view = expectedView(model, viewer, today);
  const input = command.input as Record<string, unknown>;
  switch (ANSWER_OF[command.op]) {
    case 'Case':
      return view.cases.get(input.caseId as string);
    case 'Clue':
      return view.clues.get(input.clueId as string);
    case 'Agreement':
      return view.agreements.get(input.agreementId as string);
    case 'Agency':
      return view.agencies.find((agency) => agency.id === viewer);
    case 'Officer': {
      const officer = model.officer({ agencyId: viewer, officerId: input.officerId as string });
      return officer && { id: officer.id, name: officer.name, roles: [...officer.roles], auditScope: officer.auditScope, suspended: officer.suspended };
    }
    case 'AgencyRegistration': {
      const registered = command.op === 'registerAgency' ? command.input : undefined;
      if (!registered) return undefined;
      // The new agency shows only once it is a co-party of an agreement with the registrar's agency.
      const agency = view.agencies.find((visible) => visible.id === registered.agencyId) ?? null;
      return { agencyId: registered.agencyId, adminOfficerId: registered.admin.officerId, agency };
    }
  }
}
