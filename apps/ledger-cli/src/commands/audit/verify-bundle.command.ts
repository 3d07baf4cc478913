import * as fs from 'node:fs';
import type { Command } from 'commander';
import { readPublicKeyFile, verifyBundle } from '@ledger/audit';
import { print, runAction } from './audit-context';
import { formatBundleVerification } from './format-results';

/** `verify-bundle <file>`: checks an audit bundle offline, with no database. */
export function registerVerifyBundleCommand(program: Command): void {
  program
    .command('verify-bundle')
    .description('check an audit bundle offline: checkpoint signatures, event hashes, hash chains, inclusion and consistency proofs')
    .argument('<file>', 'the bundle (JSON Lines) to check')
    .option('--public-key <file>', 'the ledger public key (PEM) the bundle must be signed with')
    .option('--allow-unsealed', 'accept a bundle whose trailer is not signed (exported without the signing key)')
    .option('--json', 'print the full result as JSON')
    .action(
      runAction(async (file: string, options: { publicKey?: string; allowUnsealed?: boolean; json?: boolean }) => {
        if (!fs.existsSync(file)) throw new Error(`bundle file ${file} does not exist`);
        const publicKey = options.publicKey ? readPublicKeyFile(options.publicKey) : undefined;
        const result = await verifyBundle(file, { publicKey, allowUnsealed: options.allowUnsealed });
        print(options.json ? JSON.stringify(result, null, 2) : formatBundleVerification(file, result));
        if (!result.ok) process.exitCode = 1;
      }),
    );
}
