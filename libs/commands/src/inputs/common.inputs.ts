import { HANDLING_CODES, type HandlingCode, INFORMATION_CREDIBILITY, SOURCE_RELIABILITY, TLP_LEVELS, type Tlp } from '@ledger/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { IsAgencyId, IsCountryCode, IsOfficerId } from '../validation/id-formats';

export class EvaluationInput {
  @IsIn(SOURCE_RELIABILITY)
  source!: (typeof SOURCE_RELIABILITY)[number];

  @IsIn(INFORMATION_CREDIBILITY)
  information!: (typeof INFORMATION_CREDIBILITY)[number];
}

/** TLP, handling codes (H3 with its stated restriction) and the optional 4×4 evaluation. */
export class MarkingsInput {
  @IsIn(TLP_LEVELS)
  tlp!: Tlp;

  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(HANDLING_CODES.length)
  @IsIn(HANDLING_CODES, { each: true })
  handling!: HandlingCode[];

  @IsOptional()
  @IsString()
  @Length(1, 500)
  handlingNote?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => EvaluationInput)
  evaluation?: EvaluationInput;
}

/** A place on a route: ISO 3166-1 alpha-2 country and, optionally, a city. */
export class PlaceInput {
  @IsCountryCode()
  country!: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  city?: string;
}

/** Who claims to act (from the bearer token); the ledger resolves their roles itself. */
export class ActorClaimInput {
  @IsOfficerId()
  officerId!: string;

  @IsAgencyId()
  agencyId!: string;
}

export class CommandMetadataInput {
  /** Makes the command idempotent: a retry with the same id returns the original result. */
  @IsUUID()
  commandId!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  correlationId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  causationId?: string;
}

export class ActorCommandMetadataInput extends CommandMetadataInput {
  @ValidateNested()
  @Type(() => ActorClaimInput)
  actor!: ActorClaimInput;
}

/** Text limits shared by the inputs. */
export const LIMITS = {
  name: 200,
  title: 200,
  subject: 300,
  reason: 2000,
  question: 5000,
  summary: 10_000,
  text: 20_000,
  field: 500,
  shortField: 100,
} as const;
