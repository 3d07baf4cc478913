import { describeCommand } from '../world/commands';
import type { MaterialisedWorld } from '../world/materialise';
import type { CommandOutcome } from './apply-commands';
import type { ViewMismatch } from './check-views';

const MAX_MISMATCHES = 25;
const MAX_VALUE_LENGTH = 600;

/**
 * A failing world, readable: its agencies, every command with what the server answered and what
 * the oracle predicted, then the differences between expected and actual views. UUIDs are shown
 * by their labels (case#3, clue#7, …).
 */
export function describeFailure(world: MaterialisedWorld, today: string, outcomes: readonly CommandOutcome[], mismatches: readonly ViewMismatch[]): string {
  const label = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => world.labels.get(id) ?? id);
  const lines: string[] = [`World ${world.suffix} (server date ${today}):`];
  for (const agency of world.agencies) lines.push(`  agency ${agency.id} ${agency.spec.kind} ${agency.spec.country} mandates [${agency.spec.mandates.join(', ')}]`);
  lines.push('Commands (✓ accepted, ✗ refused by the server; "!!" where the oracle predicted otherwise):');
  outcomes.forEach((outcome, index) => {
    const mark = outcome.accepted ? '✓' : '✗';
    const wrong = outcome.accepted !== outcome.prediction.accepted ? ' !!' : '';
    const predicted = outcome.prediction.accepted ? 'oracle: accept' : `oracle: refuse (${outcome.prediction.rule})`;
    const server = outcome.accepted ? '' : ` server: ${outcome.code ?? '?'} ${outcome.rule ?? ''} ${outcome.message ?? ''}`.trimEnd();
    lines.push(label(`  ${String(index + 1).padStart(3)} ${mark}${wrong} ${describeCommand(outcome.command)}  [${predicted}${server ? `;${server}` : ''}]`));
  });
  if (mismatches.length > 0) {
    lines.push(`View differences (${mismatches.length}${mismatches.length > MAX_MISMATCHES ? `, first ${MAX_MISMATCHES}` : ''}):`);
    for (const mismatch of mismatches.slice(0, MAX_MISMATCHES)) {
      lines.push(label(`  ${mismatch.officer} ${mismatch.query} ${mismatch.path || '(whole answer)'}`));
      lines.push(label(`      expected ${truncate(mismatch.expected)}`));
      lines.push(label(`      actual   ${truncate(mismatch.actual)}`));
    }
  }
  return lines.join('\n');
}

function truncate(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}
