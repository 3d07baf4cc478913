import type { AgencyView, OfficerView } from '@ledger/projections';
import { type ApiContext, viewerOf } from '../api-context';
import { notFound, toApiError } from '../api-errors';
import { referencedAgency } from './lookups';

/** `me`, `agencies`, `agency` and the Agency and Officer types. */
export const agencyResolvers = {
  Query: {
    me: async (_parent: unknown, _args: unknown, context: ApiContext): Promise<OfficerView> => {
      const { viewer, views } = viewerOf(context);
      const me = await views.reader.me();
      if (me === null) throw notFound('officer', viewer.officerId);
      return me;
    },
    agencies: (_parent: unknown, _args: unknown, context: ApiContext): Promise<AgencyView[]> => viewerOf(context).views.reader.agencies(),
    agency: async (_parent: unknown, args: { id: string }, context: ApiContext): Promise<AgencyView> => {
      const agency = await viewerOf(context).views.agency(args.id);
      if (agency === null) throw notFound('agency', args.id);
      return agency;
    },
  },
  Agency: {
    id: (agency: AgencyView) => agency.agencyId,
    officers: async (agency: AgencyView, _args: unknown, context: ApiContext): Promise<OfficerView[] | null> => {
      const { viewer, views } = viewerOf(context);
      if (agency.agencyId !== viewer.agencyId) return null;
      try {
        return await views.reader.officers();
      } catch (error) {
        throw toApiError(error);
      }
    },
  },
  Officer: {
    id: (officer: OfficerView) => officer.officerId,
    agency: (officer: OfficerView, _args: unknown, context: ApiContext) => referencedAgency(viewerOf(context).views, officer.agencyId),
  },
};
