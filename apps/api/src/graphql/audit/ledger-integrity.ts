import * as fs from 'node:fs';
import type { KeyObject } from 'node:crypto';
import {
  checkCheckpointSignature,
  ledgerIntegrity,
  publicKeyFingerprint,
  publicKeyPem,
  readIntegrityStatus,
  readPublicKeyFile,
  recordVerification,
  trustedKeys,
  verifyLedger,
  type AuditConfig,
  type IntegrityProblem,
  type LedgerVerificationResult,
  type RecordedCheckpoint,
  type SignedCheckpoint,
} from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
import type { Logger } from '@ledger/platform';
import { ApiError } from '../api-errors';
import type { AuditorScope } from './audit-scope';

/** A checkpoint as the API shows it: plus whether its signature holds for the ledger's key. */
export interface CheckedCheckpoint extends SignedCheckpoint {
  eventPosition: number | null;
  eventRevision: number | null;
  signatureValid: boolean | null;
}

export interface ShownProblem {
  kind: IntegrityProblem['kind'];
  stream: string | null;
  revision: number | null;
  position: number | null;
  message: string;
}

export interface ShownVerification extends Omit<LedgerVerificationResult, 'latestCheckpoint' | 'firstProblem' | 'problems'> {
  latestCheckpoint: CheckedCheckpoint | null;
  firstProblem: ShownProblem | null;
  problems: ShownProblem[];
}

export interface ShownIntegrity {
  headPosition: number;
  lastVerification: ShownVerification | null;
  latestCheckpoint: CheckedCheckpoint | null;
  publicKey: { pem: string; fingerprint: string } | null;
}

/** Logs a line at most this often while a verification runs. */
const PROGRESS_EVERY_MS = 5000;

/**
 * The ledger's integrity as the API reports it: the last recorded verification (the same file
 * `ledger audit verify` records into) and the latest checkpoint in the log; and verification on
 * demand, one at a time. The public key is the one derived from the ledger's signing key file,
 * read when asked (the CLI may create the key after the server started); this never creates it.
 */
export class LedgerIntegrityService {
  private running: Promise<LedgerVerificationResult> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly config: Pick<AuditConfig, 'signingKeyFile' | 'integrityFile'>,
    private readonly logger: Pick<Logger, 'info'>,
  ) {}

  async current(scope: AuditorScope): Promise<ShownIntegrity> {
    const key = this.publicKey();
    const integrity = await ledgerIntegrity(this.store, this.config.integrityFile);
    return {
      headPosition: integrity.headPosition,
      lastVerification: integrity.lastVerification === null ? null : await this.shown(integrity.lastVerification, key, scope),
      latestCheckpoint: checked(integrity.latestCheckpoint, key),
      publicKey: key === null ? null : { pem: publicKeyPem(key), fingerprint: publicKeyFingerprint(key) },
    };
  }

  /** Verifies the whole ledger now and records the result; a request made while one runs shares it. */
  async verifyNow(): Promise<void> {
    const key = this.publicKey();
    if (key === null) {
      throw new ApiError('BAD_USER_INPUT', `verify: this server has no ledger signing key (${this.config.signingKeyFile}) to check checkpoints with`, 'ledgerIntegrity.verify-needs-signing-key', 'verify');
    }
    this.running ??= this.verify(key).finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  private async verify(key: KeyObject): Promise<LedgerVerificationResult> {
    // Like `ledger audit verify`: the checkpoint the previous passing verification matched is trusted, so a cut tail shows.
    const previous = readIntegrityStatus(this.config.integrityFile)?.lastVerifiedCheckpoint ?? null;
    const trusted = previous === null ? [] : [{ checkpoint: previous, source: 'the previous verification' }];
    let logged = Date.now();
    const result = await verifyLedger(this.store, key, {
      trustedCheckpoints: trusted,
      onProgress: (done, total) => {
        if (Date.now() - logged < PROGRESS_EVERY_MS) return;
        logged = Date.now();
        this.logger.info({ progress: 'verify', done, total }, 'verifying the ledger');
      },
    });
    recordVerification(this.config.integrityFile, result);
    this.logger.info({ ok: result.ok, events: result.eventCount, problems: result.problemCount, ms: result.durationMs }, 'ledger verified');
    return result;
  }

  private publicKey(): KeyObject | null {
    return fs.existsSync(this.config.signingKeyFile) ? readPublicKeyFile(this.config.signingKeyFile) : null;
  }

  private async shown(result: LedgerVerificationResult, key: KeyObject | null, scope: AuditorScope): Promise<ShownVerification> {
    const problems = await Promise.all(result.problems.map((problem) => shownProblem(problem, scope)));
    return {
      ...result,
      latestCheckpoint: checked(result.latestCheckpoint, key),
      firstProblem: result.firstProblem === null ? null : await shownProblem(result.firstProblem, scope),
      problems,
    };
  }
}

function checked(checkpoint: RecordedCheckpoint | null, key: KeyObject | null): CheckedCheckpoint | null {
  if (checkpoint === null) return null;
  return {
    ...checkpoint,
    eventPosition: checkpoint.eventPosition ?? null,
    eventRevision: checkpoint.eventRevision ?? null,
    signatureValid: key === null ? null : checkCheckpointSignature(checkpoint, trustedKeys(key)) === null,
  };
}

/** A problem in a stream outside an OWN auditor's scope is shown without where it lies. */
async function shownProblem(problem: IntegrityProblem, scope: AuditorScope): Promise<ShownProblem> {
  const where = { stream: problem.stream ?? null, revision: problem.revision ?? null, position: problem.position ?? null };
  if (problem.stream !== undefined && !(await scope.includesStream(problem.stream))) {
    return { kind: problem.kind, stream: null, revision: null, position: where.position, message: `${problem.kind} in a stream outside your audit scope` };
  }
  return { kind: problem.kind, ...where, message: problem.message };
}
