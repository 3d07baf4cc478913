import type { EventStore, RecordedEvent } from '@ledger/event-store';

/** The events one command must have written to one stream, under one command id. */
export interface ExpectedWrite {
  stream: string;
  /** The command id the events carry: the command's own, or one derived from it for a secondary stream. */
  commandId: string;
  /** The event types, in order; omitted when the caller cannot know them in advance (e.g. seeding). */
  types?: string[];
}

/** A command sent to the API, with what it must have written if it took effect. */
export interface SentCommand {
  commandId: string;
  operation: string;
  writes: ExpectedWrite[];
}

/** How the API answered a command. */
export type CommandFate =
  /** A successful answer: its events must be in the store exactly once. */
  | 'acknowledged'
  /** Refused with an error: nothing may have been written. */
  | 'rejected'
  /** No answer (connection lost, server killed, 5xx): written once or not at all. */
  | 'in-doubt';

export interface CommandCheckReport {
  acknowledged: number;
  rejected: number;
  inDoubt: number;
  /** In-doubt commands whose events are in the store. */
  inDoubtWritten: number;
  /** Events read from the store. */
  eventsScanned: number;
  /** Events that belong to a tracked command. */
  eventsMatched: number;
  problems: string[];
}

const PAGE = 2000;
const MAX_PROBLEMS_LISTED = 50;

/**
 * Every command a client sent and how it was answered, checked afterwards against the store:
 * each acknowledged command's events are there exactly once (one contiguous run in the expected
 * stream, of the expected types, nowhere else); a rejected command wrote nothing; an in-doubt
 * command wrote everything once or nothing.
 */
export class CommandLedger {
  private readonly commands = new Map<string, { command: SentCommand; fate: CommandFate }>();

  record(command: SentCommand, fate: CommandFate): void {
    const known = this.commands.get(command.commandId);
    // A retry that is answered settles an earlier doubt; an acknowledgement is never downgraded.
    if (known?.fate === 'acknowledged' && fate !== 'acknowledged') return;
    this.commands.set(command.commandId, { command, fate });
  }

  fateOf(commandId: string): CommandFate | undefined {
    return this.commands.get(commandId)?.fate;
  }

  /** Commands that got no answer, e.g. to send again with the same command id. */
  inDoubt(): SentCommand[] {
    return [...this.commands.values()].filter((entry) => entry.fate === 'in-doubt').map((entry) => entry.command);
  }

  count(fate: CommandFate): number {
    let count = 0;
    for (const entry of this.commands.values()) if (entry.fate === fate) count += 1;
    return count;
  }

  /** Reads the whole store once (page by page) and checks every tracked command. */
  async verify(store: EventStore, onProgress?: (position: number, head: number) => void): Promise<CommandCheckReport> {
    const tracked = new Set<string>();
    for (const { command } of this.commands.values()) for (const write of command.writes) tracked.add(write.commandId);
    const byCommandId = new Map<string, RecordedEvent[]>();
    const head = await store.headPosition();
    let position = 0;
    let eventsScanned = 0;
    let eventsMatched = 0;
    for (;;) {
      const page = await store.readAll({ fromPosition: position + 1, limit: PAGE });
      if (page.length === 0) break;
      for (const event of page) {
        eventsScanned += 1;
        if (!tracked.has(event.commandId)) continue;
        eventsMatched += 1;
        const list = byCommandId.get(event.commandId) ?? [];
        list.push(event);
        byCommandId.set(event.commandId, list);
      }
      position = page[page.length - 1].globalPosition;
      onProgress?.(position, Math.max(head, position));
    }

    const problems: string[] = [];
    let inDoubtWritten = 0;
    for (const { command, fate } of this.commands.values()) {
      const findings = command.writes.map((write) => checkWrite(write, byCommandId.get(write.commandId) ?? []));
      const written = findings.filter((finding) => finding.written).length;
      const describe = `${command.operation} ${command.commandId}`;
      if (fate === 'acknowledged') {
        for (const finding of findings) if (finding.problem !== undefined) problems.push(`${describe} (acknowledged): ${finding.problem}`);
      } else if (fate === 'rejected') {
        if (written > 0) problems.push(`${describe} (rejected): wrote ${written} of ${command.writes.length} streams although the API refused it`);
      } else if (written > 0) {
        inDoubtWritten += 1;
        if (written < command.writes.length) problems.push(`${describe} (in doubt): half-written, ${written} of ${command.writes.length} streams`);
        for (const finding of findings) if (finding.written && finding.problem !== undefined) problems.push(`${describe} (in doubt): ${finding.problem}`);
      }
    }
    return {
      acknowledged: this.count('acknowledged'),
      rejected: this.count('rejected'),
      inDoubt: this.count('in-doubt'),
      inDoubtWritten,
      eventsScanned,
      eventsMatched,
      problems: problems.length > MAX_PROBLEMS_LISTED ? [...problems.slice(0, MAX_PROBLEMS_LISTED), `… and ${problems.length - MAX_PROBLEMS_LISTED} more`] : problems,
    };
  }
}

/** Checks the events carrying one write's command id: none at all, or exactly the expected run. */
function checkWrite(write: ExpectedWrite, events: RecordedEvent[]): { written: boolean; problem?: string } {
  if (events.length === 0) return { written: false, problem: `no event with command id ${write.commandId} in ${write.stream}` };
  const elsewhere = events.filter((event) => event.stream !== write.stream);
  if (elsewhere.length > 0) return { written: true, problem: `events with command id ${write.commandId} in ${[...new Set(elsewhere.map((e) => e.stream))].join(', ')} besides ${write.stream}` };
  for (let index = 1; index < events.length; index += 1) {
    if (events[index].revision !== events[index - 1].revision + 1) {
      return { written: true, problem: `${write.stream}: command id ${write.commandId} at revisions ${events.map((e) => e.revision).join(', ')} (written more than once)` };
    }
  }
  const types = events.map((event) => event.type);
  if (write.types !== undefined && types.join(',') !== write.types.join(',')) {
    return { written: true, problem: `${write.stream}: expected ${write.types.join(', ')} once, found ${types.join(', ')}` };
  }
  return { written: true };
}
