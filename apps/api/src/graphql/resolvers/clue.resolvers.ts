import type { ClueKind, ClueStatus } from '@ledger/domain/shared/vocabulary';
import type { ClueBox, ClueRecipientView, ClueStepView, ClueView } from '@ledger/projections';
import type { GraphQLResolveInfo } from 'graphql';
import { type ApiContext, viewerOf } from '../api-context';
import { notFound } from '../api-errors';
import { type Connection, checkPageSize, toConnection } from '../paging';
import { requireCaseworkRole } from '../role-policy';
import { personal } from '../view-shapes';
import { linkedCase } from './case.resolvers';
import { referencedAgency, referencedAgreement } from './lookups';
import { pagingError } from './query-errors';

interface CluesArgs {
  box: ClueBox;
  status?: ClueStatus | null;
  kind?: ClueKind | null;
  first?: number | null;
  after?: string | null;
}

/** `clues`, `clue`, the Clue type, its recipients and their step history. */
export function clueResolvers(options: { maxPageSize: number }) {
  return {
    Query: {
      clues: async (_parent: unknown, args: CluesArgs, context: ApiContext): Promise<Connection<ClueView>> => {
        const { viewer, views } = viewerOf(context);
        requireCaseworkRole(viewer);
        const first = checkPageSize(args.first, options.maxPageSize);
        try {
          const page = await views.reader.clues({ box: args.box, status: args.status, kind: args.kind }, { first, after: args.after ?? null });
          return toConnection(page, args.after);
        } catch (error) {
          throw pagingError(error);
        }
      },
      clue: async (_parent: unknown, args: { id: string }, context: ApiContext, info: GraphQLResolveInfo): Promise<ClueView> => {
        const { viewer, views } = viewerOf(context);
        requireCaseworkRole(viewer);
        const found = await views.clue(args.id);
        if (found === null) throw notFound('clue', args.id);
        views.recordAccess(info, 'CLUE', found.clueId);
        return found;
      },
    },
    ClueConnection: {
      edges: (connection: Connection<ClueView>, _args: unknown, context: ApiContext, info: GraphQLResolveInfo) => {
        const { views } = viewerOf(context);
        for (const edge of connection.edges) views.recordAccess(info, 'CLUE', edge.node.clueId);
        return connection.edges;
      },
    },
    Clue: {
      id: (view: ClueView) => view.clueId,
      sender: (view: ClueView, _args: unknown, context: ApiContext) => referencedAgency(viewerOf(context).views, view.senderAgencyId),
      senderCase: (view: ClueView, _args: unknown, context: ApiContext, info: GraphQLResolveInfo) => linkedCase(context, info, view.senderCaseId),
      claimedIdentity: (view: ClueView) => {
        const identity = view.claimedIdentity;
        if (identity === null) return null;
        return {
          personRole: identity.personRole,
          fullName: personal<string>(identity.fullName),
          dateOfBirth: personal<string>(identity.dateOfBirth),
          nationality: personal<string>(identity.nationality),
          documentNumber: personal<string>(identity.documentNumber),
        };
      },
    },
    ClueRecipient: {
      agency: (recipient: ClueRecipientView, _args: unknown, context: ApiContext) => referencedAgency(viewerOf(context).views, recipient.recipientAgencyId),
      agreement: (recipient: ClueRecipientView, _args: unknown, context: ApiContext) => referencedAgreement(viewerOf(context).views, recipient.agreementId),
      linkedCase: (recipient: ClueRecipientView, _args: unknown, context: ApiContext, info: GraphQLResolveInfo) => linkedCase(context, info, recipient.linkedCaseId),
      /** The latest feedback's outcome. */
      outcome: (recipient: ClueRecipientView) => [...recipient.steps].reverse().find((step) => step.detail.outcome !== undefined)?.detail.outcome ?? null,
    },
    ClueStep: {
      agency: (step: ClueStepView, _args: unknown, context: ApiContext) => referencedAgency(viewerOf(context).views, step.actingAgencyId),
      question: (step: ClueStepView) => step.detail.question ?? null,
      answer: (step: ClueStepView) => step.detail.answer ?? null,
      reason: (step: ClueStepView) => step.detail.reason ?? null,
      outcome: (step: ClueStepView) => step.detail.outcome ?? null,
      comment: (step: ClueStepView) => step.detail.comment ?? null,
      linkedCaseId: (step: ClueStepView) => step.detail.linkedCaseId ?? null,
    },
  };
}
