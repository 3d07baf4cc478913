import * as fs from 'node:fs';
import type { Command } from 'commander';
import { publicKeyFingerprint, publicKeyPem } from '@ledger/audit';
import { auditContext, print, printError, runAction, signingKey, type StoreOption } from './audit-context';

/** `public-key`: prints (or writes) the ledger's public key in PEM, for auditors. */
export function registerPublicKeyCommand(program: Command): void {
  program
    .command('public-key')
    .description('print the ledger\'s checkpoint-signing public key (PEM) and its fingerprint')
    .option('--out <file>', 'write the PEM to this file instead of standard output')
    .action(
      runAction(async (options: StoreOption & { out?: string }) => {
        const key = signingKey(auditContext(options));
        const pem = publicKeyPem(key.publicKey);
        if (options.out) fs.writeFileSync(options.out, pem);
        else print(pem);
        printError(`fingerprint (SHA-256 of the DER public key): ${publicKeyFingerprint(key.publicKey)}`);
      }),
    );
}
