/**
 * Officers as the ledger knows them, for authentication (is the token's officer registered,
 * suspended, with which roles?) and for the CLI. Not a view: it spans every agency.
 */
import type { AuditScope, Role } from '@ledger/domain/shared/vocabulary';
import type { ReadModel } from '../storage/read-model';
import type { ReadModelTables } from '../storage/tables';

export interface KnownOfficer {
  officerId: string;
  agencyId: string;
  name: string;
  roles: Role[];
  auditScope: AuditScope;
  suspended: boolean;
}

export interface OfficerLookup {
  /**
   * The officer with this id, or null if unknown. Officer ids are unique within an agency; pass
   * the agency (as a token names it) to pick one, otherwise an id registered with several agencies
   * is ambiguous and yields null.
   */
  findOfficer(officerId: string, agencyId?: string): Promise<KnownOfficer | null>;
  /** Every officer (of one agency if given), ordered by agency then officer id. */
  listOfficers(agencyId?: string): Promise<KnownOfficer[]>;
}

export class OfficerDirectory implements OfficerLookup {
  constructor(private readonly readModel: ReadModel) {}

  async findOfficer(officerId: string, agencyId?: string): Promise<KnownOfficer | null> {
    let query = this.readModel.queryDb.selectFrom('view_officers').selectAll().where('officer_id', '=', officerId);
    if (agencyId !== undefined) query = query.where('agency_id', '=', agencyId);
    const rows = await query.limit(2).execute();
    return rows.length === 1 ? knownOfficer(rows[0]) : null;
  }

  async listOfficers(agencyId?: string): Promise<KnownOfficer[]> {
    let query = this.readModel.queryDb.selectFrom('view_officers').selectAll();
    if (agencyId !== undefined) query = query.where('agency_id', '=', agencyId);
    const rows = await query.orderBy('agency_id').orderBy('officer_id').execute();
    return rows.map(knownOfficer);
  }
}

function knownOfficer(row: ReadModelTables['view_officers']): KnownOfficer {
  return {
    officerId: row.officer_id,
    agencyId: row.agency_id,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    auditScope: row.audit_scope as AuditScope,
    suspended: Number(row.suspended) === 1,
  };
}
