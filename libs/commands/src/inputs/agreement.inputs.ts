import { CASE_KINDS, type CaseKind, DATA_CATEGORIES, type DataCategory, TLP_LEVELS, type Tlp } from '@ledger/domain';
import { ArrayMaxSize, ArrayMinSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsAgencyId, IsCalendarDate } from '../validation/id-formats';
import { LIMITS } from './common.inputs';

export class ProposeAgreementInput {
  /** Chosen by the caller, or derived from the command id. */
  @IsOptional()
  @IsUUID()
  agreementId?: string;

  @IsString()
  @Length(1, LIMITS.title)
  title!: string;

  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsAgencyId({ each: true })
  parties!: string[];

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(CASE_KINDS, { each: true })
  scope!: CaseKind[];

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  categories!: DataCategory[];

  @IsIn(TLP_LEVELS)
  maxTlp!: Tlp;

  @IsCalendarDate()
  validFrom!: string;

  @IsCalendarDate()
  validUntil!: string;
}

export class SignAgreementInput {
  @IsUUID()
  agreementId!: string;
}

export class SuspendAgreementInput {
  @IsUUID()
  agreementId!: string;

  @IsString()
  @Length(1, LIMITS.reason)
  reason!: string;
}

export class ResumeAgreementInput {
  @IsUUID()
  agreementId!: string;
}

export class TerminateAgreementInput {
  @IsUUID()
  agreementId!: string;

  @IsString()
  @Length(1, LIMITS.reason)
  reason!: string;
}
