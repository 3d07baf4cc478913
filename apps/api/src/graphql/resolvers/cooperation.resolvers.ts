import type { ClueFlowStats, PartnerCooperation } from '@ledger/projections';
import { type ApiContext, viewerOf } from '../api-context';
import { requireStatisticsRole } from '../role-policy';
import { referencedAgency } from './lookups';

function flow(stats: ClueFlowStats) {
  return {
    clues: stats.clues,
    acknowledged: stats.acknowledged,
    accepted: stats.accepted,
    declined: stats.declined,
    medianDaysToAcknowledge: stats.daysToAcknowledge.median,
    p90DaysToAcknowledge: stats.daysToAcknowledge.p90,
    medianDaysToOutcome: stats.daysToOutcome.median,
    p90DaysToOutcome: stats.daysToOutcome.p90,
  };
}

/** `cooperationStats`: response times per partner, computed from the viewer's agency's own view. */
export const cooperationResolvers = {
  Query: {
    cooperationStats: async (_parent: unknown, args: { partner?: string | null }, context: ApiContext) => {
      const { viewer, views } = viewerOf(context);
      requireStatisticsRole(viewer);
      const rows = await views.reader.cooperationStats();
      return rows.filter((row) => args.partner === undefined || args.partner === null || row.partnerAgencyId === args.partner).map((row) => ({ ...row, sent: flow(row.sent), received: flow(row.received) }));
    },
  },
  PartnerCooperation: {
    partner: (row: PartnerCooperation, _args: unknown, context: ApiContext) => referencedAgency(viewerOf(context).views, row.partnerAgencyId),
  },
};
