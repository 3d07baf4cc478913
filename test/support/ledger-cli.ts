import { CommanderError } from 'commander';
import { buildProgram } from '../../apps/ledger-cli/src/program';

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `ledger <args>` in this process, as the CLI's main does, capturing its output and exit code. */
export async function runLedgerCli(...args: string[]): Promise<CliRun> {
  const program = buildProgram({ exitOverride: true });
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true));
  try {
    await program.parseAsync(['node', 'ledger', ...args]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode = error.exitCode;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, exitCode };
}
