import type { ProjectionProgress } from '@ledger/projections';
import type { ResolverMap } from '../server/graphql/schema';
import { enumResolvers } from './enum-values';
import { CommandGateway, type CommandDispatcher } from './mutations/command-gateway';
import { agencyMutations } from './mutations/agency.mutations';
import { agreementMutations } from './mutations/agreement.mutations';
import { caseMutations } from './mutations/case.mutations';
import { clueMutations } from './mutations/clue.mutations';
import { agencyResolvers } from './resolvers/agency.resolvers';
import { agreementResolvers } from './resolvers/agreement.resolvers';
import { caseResolvers } from './resolvers/case.resolvers';
import { clueResolvers } from './resolvers/clue.resolvers';
import { cooperationResolvers } from './resolvers/cooperation.resolvers';
import { subscriptionResolvers } from './resolvers/subscription.resolvers';
import { scalarResolvers } from './scalars';

export interface LedgerResolverDependencies {
  commands: CommandDispatcher;
  progress: ProjectionProgress;
  /** LEDGER_MAX_PAGE_SIZE. */
  maxPageSize: number;
  /** How long a mutation waits for the views to include its events. */
  viewWaitMs: number;
}

/** Every resolver of the schema in schema/*.graphql, as maps graphql-tools merges. */
export function ledgerResolvers(dependencies: LedgerResolverDependencies): ResolverMap {
  const gateway = new CommandGateway(dependencies.commands, dependencies.progress, dependencies.viewWaitMs);
  const paging = { maxPageSize: dependencies.maxPageSize };
  return [
    scalarResolvers,
    enumResolvers,
    agencyResolvers,
    agreementResolvers,
    caseResolvers(paging),
    clueResolvers(paging),
    cooperationResolvers,
    subscriptionResolvers,
    agencyMutations(gateway),
    agreementMutations(gateway),
    caseMutations(gateway),
    clueMutations(gateway),
  ] as ResolverMap;
}
