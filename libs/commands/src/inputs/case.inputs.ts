import {
  CASE_KINDS,
  type CaseKind,
  DATA_CATEGORIES,
  type DataCategory,
  ORGANISATION_KINDS,
  type OrganisationKind,
  PERSON_ROLES,
  type PersonRole,
  TRAVEL_METHODS,
  type TravelMethod,
} from '@ledger/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO4217CurrencyCode,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Max,
  ValidateNested,
} from 'class-validator';
import { IsAgencyId, IsCalendarDate, IsCountryCode, IsPartialDate } from '../validation/id-formats';
import { LIMITS, MarkingsInput, PlaceInput } from './common.inputs';

/** A case to open: standalone, or on the spot while accepting a clue. */
export class CaseDraftInput {
  /** Chosen by the caller, or derived from the command id. */
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @IsIn(CASE_KINDS)
  kind!: CaseKind;

  @IsString()
  @Length(1, LIMITS.title)
  title!: string;

  @IsOptional()
  @IsString()
  @Length(0, LIMITS.summary)
  summary?: string;

  @ValidateNested()
  @Type(() => MarkingsInput)
  markings!: MarkingsInput;
}

export class OpenCaseInput extends CaseDraftInput {}

/** Every fact names its case and carries its own markings (never looser than the case's). */
abstract class FactInput {
  @IsUUID()
  caseId!: string;

  @ValidateNested()
  @Type(() => MarkingsInput)
  markings!: MarkingsInput;
}

export class RecordPersonInput extends FactInput {
  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsIn(PERSON_ROLES)
  role!: PersonRole;

  @IsString()
  @Length(1, LIMITS.name)
  fullName!: string;

  @IsOptional()
  @IsPartialDate()
  dateOfBirth?: string;

  @IsOptional()
  @IsCountryCode()
  nationality?: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  documentNumber?: string;

  @IsOptional()
  @IsString()
  @Length(3, 40)
  phoneNumber?: string;

  @IsOptional()
  @IsString()
  @Length(1, LIMITS.field)
  address?: string;
}

export class RecordRouteInput extends FactInput {
  @IsOptional()
  @IsUUID()
  routeId?: string;

  @ValidateNested()
  @Type(() => PlaceInput)
  origin!: PlaceInput;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PlaceInput)
  transit?: PlaceInput[];

  @ValidateNested()
  @Type(() => PlaceInput)
  destination!: PlaceInput;

  @IsIn(TRAVEL_METHODS)
  method!: TravelMethod;
}

export class RecordOrganisationInput extends FactInput {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsString()
  @Length(1, LIMITS.name)
  name!: string;

  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @IsCountryCode()
  country!: string;

  @IsOptional()
  @IsString()
  @Length(1, LIMITS.field)
  address?: string;
}

export class RecordMoneyFlowInput extends FactInput {
  @IsOptional()
  @IsUUID()
  flowId?: string;

  /** IBAN or another account identifier. */
  @IsString()
  @Length(1, 64)
  fromAccount!: string;

  @IsString()
  @Length(1, 64)
  toAccount!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @IsPositive()
  @Max(1e13)
  amount!: number;

  @IsISO4217CurrencyCode()
  currency!: string;

  @IsCalendarDate()
  date!: string;

  @IsString()
  @Length(1, LIMITS.shortField)
  channel!: string;
}

export class AddNoteInput extends FactInput {
  @IsOptional()
  @IsUUID()
  noteId?: string;

  @IsString()
  @Length(1, LIMITS.text)
  text!: string;
}

export class ShareCaseInput {
  @IsUUID()
  caseId!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsAgencyId({ each: true })
  recipientAgencyIds!: string[];

  @IsUUID()
  agreementId!: string;

  /** May be empty: the case without any personal-data field. */
  @IsArray()
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  categories!: DataCategory[];
}

export class RevokeShareInput {
  @IsUUID()
  caseId!: string;

  @IsAgencyId()
  recipientAgencyId!: string;

  @IsString()
  @Length(1, LIMITS.reason)
  reason!: string;
}

export class DeclareJointInvestigationInput {
  @IsUUID()
  caseId!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsAgencyId({ each: true })
  partnerAgencyIds!: string[];
}

export class CloseCaseInput {
  @IsUUID()
  caseId!: string;

  @IsString()
  @Length(1, LIMITS.reason)
  reason!: string;
}
