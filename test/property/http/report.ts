import { describeCommand } from '../world/commands';
import type { MaterialisedWorld } from '../world/materialise';
import { asPredicted, type CommandOutcome } from './apply-commands';
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
  lines.push('Commands (✓ accepted, ✗ refused by the server; "!!" where the oracle predicted otherwise or another rule):');
  outcomes.forEach((outcome, index) => {
    const mark = outcome.accepted ? '✓' : '✗';
    const wrong = asPredicted(outcome) ? '' : ' !!';
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
    lines.push('Commands about the entities that differ (and the agreements and mandates they depend on):');
    for (const index of relatedCommands(outcomes, mismatches)) {
      const outcome = outcomes[index];
      lines.push(label(`  ${String(index + 1).padStart(3)} ${outcome.accepted ? '✓' : '✗'} ${describeCommand(outcome.command)}`));
    }
  }
  return lines.join('\n');
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Indexes of the commands that name an entity a difference is about, or an agreement those name; and mandate changes. */
function relatedCommands(outcomes: readonly CommandOutcome[], mismatches: readonly ViewMismatch[]): number[] {
  const texts = outcomes.map((outcome) => JSON.stringify(outcome.command.input));
  const entities = new Set(mismatches.flatMap((mismatch) => `${mismatch.query} ${mismatch.path}`.match(UUID) ?? []));
  const mentioning = (ids: Set<string>) => texts.flatMap((text, index) => ([...ids].some((id) => text.includes(id)) ? [index] : []));
  const reached = new Set(entities);
  for (const index of mentioning(entities)) for (const id of texts[index].match(UUID) ?? []) reached.add(id);
  const related = new Set(mentioning(reached));
  outcomes.forEach((outcome, index) => {
    if (outcome.command.op === 'changeAgencyMandates' || outcome.command.op === 'suspendOfficer' || outcome.command.op === 'reinstateOfficer') related.add(index);
  });
  return [...related].sort((a, b) => a - b);
}

function truncate(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}
