import { DATA_CATEGORIES, type AgencyKind, type CaseKind, type DataCategory, type Tlp } from '@ledger/domain/shared/vocabulary';
import type { CommandInputs, CommandOp, MarkingsInput, OfficerRef, WorldCommand } from './commands';
import { addDays, type MaterialisedWorld, type WorldAgency, worldUuid } from './materialise';

/**
 * Hand-built worlds for regression examples and oracle specs: the same command representation
 * the generator produces, written step by step.
 */
export class Scenario {
  readonly commands: WorldCommand[] = [];
  readonly agencies: WorldAgency[] = [];
  readonly labels = new Map<string, string>();
  private serial = 0;

  constructor(
    readonly suffix: string,
    readonly today: string,
    private readonly registrar: OfficerRef,
  ) {}

  send<Op extends CommandOp>(op: Op, actor: OfficerRef, input: CommandInputs[Op]): this {
    this.commands.push({ op, actor, input } as WorldCommand);
    return this;
  }

  /** A new UUID remembered under `label`. */
  id(label: string): string {
    const id = worldUuid(this.suffix, 1_000_000 + this.serial++);
    this.labels.set(id, label);
    return id;
  }

  /** Registers an agency with an admin, an investigator and a liaison officer. */
  agency(name: string, mandates: readonly DataCategory[] = DATA_CATEGORIES, kind: Exclude<AgencyKind, 'OVERSIGHT'> = 'POLICE', country = 'FR'): WorldAgency {
    const id = `${name}-${this.suffix}`;
    const agency: WorldAgency = {
      id,
      spec: { kind, country, mandates: [...mandates] },
      officers: {
        admin: { agencyId: id, officerId: `${id}-admin` },
        investigator: { agencyId: id, officerId: `${id}-investigator` },
        liaison: { agencyId: id, officerId: `${id}-liaison` },
      },
    };
    this.agencies.push(agency);
    this.send('registerAgency', this.registrar, {
      agencyId: id,
      name: `Agency ${name}`,
      country,
      kind,
      mandates: [...mandates],
      admin: { officerId: agency.officers.admin.officerId, name: `Admin of ${name}`, roles: ['AGENCY_ADMIN'], auditScope: 'OWN' },
    });
    this.send('registerOfficer', agency.officers.admin, { officerId: agency.officers.investigator.officerId, name: `Investigator of ${name}`, roles: ['INVESTIGATOR'], auditScope: 'OWN' });
    this.send('registerOfficer', agency.officers.admin, { officerId: agency.officers.liaison.officerId, name: `Liaison of ${name}`, roles: ['LIAISON_OFFICER'], auditScope: 'OWN' });
    return agency;
  }

  /** Proposes an agreement between `parties` (the first proposes) and, unless told otherwise, has every party sign it. */
  agreement(
    label: string,
    parties: WorldAgency[],
    terms: { scope?: CaseKind[]; categories?: DataCategory[]; maxTlp?: Tlp; validFrom?: number; validUntil?: number; signed?: boolean } = {},
  ): string {
    const agreementId = this.id(label);
    this.send('proposeAgreement', parties[0].officers.admin, {
      agreementId,
      title: `Agreement ${label}`,
      parties: parties.map((party) => party.id),
      scope: terms.scope ?? ['TRAFFICKING', 'SMUGGLING', 'IDENTIFICATION'],
      categories: terms.categories ?? [...DATA_CATEGORIES],
      maxTlp: terms.maxTlp ?? 'AMBER',
      validFrom: addDays(this.today, terms.validFrom ?? -30),
      validUntil: addDays(this.today, terms.validUntil ?? 365),
    });
    if (terms.signed !== false) for (const party of parties) this.send('signAgreement', party.officers.admin, { agreementId });
    return agreementId;
  }

  openCase(label: string, owner: WorldAgency, options: { kind?: CaseKind; tlp?: Tlp } = {}): string {
    const caseId = this.id(label);
    this.send('openCase', owner.officers.investigator, {
      caseId,
      kind: options.kind ?? 'TRAFFICKING',
      title: `Case ${label}`,
      summary: `Summary of ${label}`,
      markings: markings(options.tlp ?? 'GREEN'),
    });
    return caseId;
  }

  /** Records a victim with every optional field, a money flow and a route, all marked `tlp`. */
  recordFacts(caseId: string, owner: WorldAgency, tlp: Tlp = 'GREEN'): this {
    const by = owner.officers.investigator;
    this.send('recordPerson', by, {
      caseId,
      personId: this.id('victim'),
      role: 'VICTIM',
      fullName: 'Li Mei',
      dateOfBirth: '1998-04-02',
      nationality: 'CN',
      documentNumber: 'E12345678',
      phoneNumber: '+86 555 0101',
      address: '12 Harbour Road',
      markings: markings(tlp),
    });
    this.send('recordMoneyFlow', by, {
      caseId,
      flowId: this.id('flow'),
      fromAccount: 'FR7630006000011234567890189',
      toAccount: 'CN123456789',
      amount: 12500,
      currency: 'EUR',
      date: '2024-03-01',
      channel: 'money remittance',
      markings: markings(tlp),
    });
    this.send('recordRoute', by, {
      caseId,
      routeId: this.id('route'),
      origin: { country: 'CN', city: 'Wenzhou' },
      transit: [{ country: 'RS' }],
      destination: { country: 'FR', city: 'Paris' },
      method: 'AIR',
      markings: markings(tlp),
    });
    return this;
  }

  share(caseId: string, owner: WorldAgency, recipients: WorldAgency[], agreementId: string, categories: DataCategory[]): this {
    return this.send('shareCase', owner.officers.investigator, { caseId, recipientAgencyIds: recipients.map((r) => r.id), agreementId, categories });
  }

  readonly impostors: OfficerRef[] = [];

  /** A token holder claiming to be `officerId` of `agencyId`, which the ledger does not know as such. */
  impostor(officerId: string, agencyId: string): OfficerRef {
    const impostor = { officerId, agencyId };
    this.impostors.push(impostor);
    return impostor;
  }

  world(): MaterialisedWorld {
    return { suffix: this.suffix, agencies: this.agencies, commands: this.commands, labels: this.labels, impostors: this.impostors };
  }
}

export function markings(tlp: Tlp, handling: MarkingsInput['handling'] = ['H0']): MarkingsInput {
  return { tlp, handling };
}
