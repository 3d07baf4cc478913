import { CLUE_KINDS, type ClueKind, type ClueOutcome, IDENTIFICATION_OUTCOMES, LEAD_OUTCOMES, PERSON_ROLES, type PersonRole } from '@ledger/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { IsAgencyId, IsAgreementMap, IsCountryCode, IsPartialDate } from '../validation/id-formats';
import { CaseDraftInput } from './case.inputs';
import { LIMITS, MarkingsInput } from './common.inputs';

export class ClaimedIdentityInput {
  @IsIn(PERSON_ROLES)
  personRole!: PersonRole;

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
}

export class SubmitClueInput {
  /** Chosen by the caller, or derived from the command id. */
  @IsOptional()
  @IsUUID()
  clueId?: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsAgencyId({ each: true })
  recipientAgencyIds!: string[];

  /** The agreement each recipient receives the clue under: `{ "<recipient agency id>": "<agreement uuid>" }`. */
  @IsAgreementMap()
  agreementIds!: Record<string, string>;

  @IsIn(CLUE_KINDS)
  kind!: ClueKind;

  @IsString()
  @Length(1, LIMITS.subject)
  subject!: string;

  @IsString()
  @Length(1, LIMITS.text)
  body!: string;

  @ValidateNested()
  @Type(() => MarkingsInput)
  markings!: MarkingsInput;

  @IsOptional()
  @IsUUID()
  senderCaseId?: string;

  /** Required for, and only for, IDENTIFICATION_REQUEST. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ClaimedIdentityInput)
  claimedIdentity?: ClaimedIdentityInput;
}

class ClueStepInput {
  @IsUUID()
  clueId!: string;
}

export class AcknowledgeClueInput extends ClueStepInput {}

export class RequestClueInformationInput extends ClueStepInput {
  @IsString()
  @Length(1, LIMITS.question)
  question!: string;
}

export class ProvideClueInformationInput extends ClueStepInput {
  @IsAgencyId()
  recipientAgencyId!: string;

  @IsString()
  @Length(1, LIMITS.question)
  answer!: string;
}

/** Either `caseId` (an existing case of the recipient) or `newCase` (opened on the spot). */
export class AcceptClueInput extends ClueStepInput {
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CaseDraftInput)
  newCase?: CaseDraftInput;
}

export class DeclineClueInput extends ClueStepInput {
  @IsString()
  @Length(1, LIMITS.reason)
  reason!: string;
}

export const CLUE_OUTCOMES: readonly ClueOutcome[] = [...IDENTIFICATION_OUTCOMES, ...LEAD_OUTCOMES];

export class GiveClueFeedbackInput extends ClueStepInput {
  @IsIn(CLUE_OUTCOMES)
  outcome!: ClueOutcome;

  @IsOptional()
  @IsString()
  @Length(0, LIMITS.question)
  comment?: string;
}

export class CloseClueInput extends ClueStepInput {
  @IsAgencyId()
  recipientAgencyId!: string;
}

export class WithdrawClueInput extends ClueStepInput {
  @IsAgencyId()
  recipientAgencyId!: string;

  @IsString()
  @Length(1, LIMITS.reason)
  reason!: string;
}
