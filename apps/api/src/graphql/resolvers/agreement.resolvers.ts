import type { AgreementStatus } from '@ledger/domain/shared/vocabulary';
import type { AgreementPartyView, AgreementView } from '@ledger/projections';
import { type ApiContext, viewerOf } from '../api-context';
import { notFound } from '../api-errors';
import { referencedAgency } from './lookups';

/** `agreements`, `agreement` and the Agreement type. */
export const agreementResolvers = {
  Query: {
    agreements: (_parent: unknown, args: { status?: AgreementStatus | null }, context: ApiContext): Promise<AgreementView[]> =>
      viewerOf(context).views.reader.agreements({ status: args.status ?? null }),
    agreement: async (_parent: unknown, args: { id: string }, context: ApiContext): Promise<AgreementView> => {
      const agreement = await viewerOf(context).views.agreement(args.id);
      if (agreement === null) throw notFound('agreement', args.id);
      return agreement;
    },
  },
  Agreement: {
    id: (agreement: AgreementView) => agreement.agreementId,
    proposedBy: (agreement: AgreementView, _args: unknown, context: ApiContext) => referencedAgency(viewerOf(context).views, agreement.proposedByAgencyId),
  },
  AgreementParty: {
    agency: (party: AgreementPartyView, _args: unknown, context: ApiContext) => referencedAgency(viewerOf(context).views, party.agencyId),
  },
};
