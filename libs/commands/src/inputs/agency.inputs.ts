import { AGENCY_KINDS, type AgencyKind, AUDIT_SCOPES, type AuditScope, DATA_CATEGORIES, type DataCategory, ROLES, type Role } from '@ledger/domain';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { IsAgencyId, IsCountryCode, IsOfficerId } from '../validation/id-formats';
import { LIMITS } from './common.inputs';

export class OfficerSpecInput {
  @IsOfficerId()
  officerId!: string;

  @IsString()
  @Length(1, LIMITS.name)
  name!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  /** OWN unless given; ALL only for AUDITORs of OVERSIGHT agencies. */
  @IsOptional()
  @IsIn(AUDIT_SCOPES)
  auditScope?: AuditScope;
}

/** A new agency with its first officer (an AGENCY_ADMIN). */
export class AgencyOnboardingInput {
  @IsAgencyId()
  agencyId!: string;

  @IsString()
  @Length(1, LIMITS.name)
  name!: string;

  @IsCountryCode()
  country!: string;

  @IsIn(AGENCY_KINDS)
  kind!: AgencyKind;

  @IsArray()
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  mandates!: DataCategory[];

  @ValidateNested()
  @Type(() => OfficerSpecInput)
  admin!: OfficerSpecInput;
}

export class BootstrapLedgerInput extends AgencyOnboardingInput {}
export class RegisterAgencyInput extends AgencyOnboardingInput {}

export class ChangeAgencyMandatesInput {
  @IsAgencyId()
  agencyId!: string;

  @IsArray()
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  mandates!: DataCategory[];
}

export class RegisterOfficerInput extends OfficerSpecInput {
  @IsAgencyId()
  agencyId!: string;
}

export class ChangeOfficerRolesInput {
  @IsAgencyId()
  agencyId!: string;

  @IsOfficerId()
  officerId!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  /** OWN unless given; ALL only for AUDITORs of OVERSIGHT agencies. */
  @IsOptional()
  @IsIn(AUDIT_SCOPES)
  auditScope?: AuditScope;
}

export class SuspendOfficerInput {
  @IsAgencyId()
  agencyId!: string;

  @IsOfficerId()
  officerId!: string;

  @IsString()
  @Length(1, LIMITS.reason)
  reason!: string;
}

export class ReinstateOfficerInput {
  @IsAgencyId()
  agencyId!: string;

  @IsOfficerId()
  officerId!: string;
}
