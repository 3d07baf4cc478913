import type { CommandResult } from '@ledger/commands';
import { progress as progressReport, type Progress } from '@ledger/platform';
import type { CommandDispatcher } from '../graphql/mutations/command-gateway';
import { demoScript } from './demo-script';
import { demoCommandId } from './seed-ids';

export interface SeedResult {
  commands: number;
  /** Commands already recorded by an earlier run (idempotent replays). */
  alreadyRecorded: number;
  /** Global position of the last event the seed wrote or found. */
  lastPosition: number;
}

export interface SeedOptions {
  /** Progress report; default a bar (TTY) or JSON lines on stderr. */
  progress?: Progress;
  correlationId?: string;
}

/**
 * Seeds the demo world through the real command handlers (the same validation and rules as the
 * API), with command ids derived from the script so that running it again completes an
 * interrupted seed and changes nothing on a complete one.
 */
export async function seedDemoWorld(commands: CommandDispatcher, options: SeedOptions = {}): Promise<SeedResult> {
  const script = demoScript();
  const report = options.progress ?? progressReport('seeding the demo world', script.length);
  const correlationId = options.correlationId ?? demoCommandId('seed');
  let alreadyRecorded = 0;
  let lastPosition = 0;
  try {
    for (const step of script) {
      const commandId = demoCommandId(step.name);
      const metadata = step.actor === null ? { commandId, correlationId } : { commandId, correlationId, actor: step.actor };
      let result: CommandResult;
      try {
        result = await commands.execute(step.command(metadata));
      } catch (error) {
        throw new Error(`seeding failed at "${step.name}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      if (result.idempotentReplay) alreadyRecorded += 1;
      lastPosition = Math.max(lastPosition, result.globalPosition);
      report.increment();
    }
  } finally {
    report.stop();
  }
  return { commands: script.length, alreadyRecorded, lastPosition };
}
