import { EventStoreConfigError } from '../../errors';

const NAMESPACE = /^[a-z0-9][a-z0-9_]{0,62}$/;
/** The connection-string option that names the namespace; removed before the string reaches the client. */
export const NAMESPACE_OPTION = 'ledgerNamespace';

/**
 * Several ledgers (say production and a rehearsal, or parallel test runs) can share one
 * EventStoreDB cluster: a ledger with a namespace stores its stream `case-1` as the EventStoreDB
 * stream `<namespace>.case-1`, and reads and subscriptions see only its own streams. Without a
 * namespace the names are the same on both sides. Hashes always cover the ledger's own name.
 */
export class StreamNamespace {
  private readonly prefix: string;

  constructor(readonly name: string | undefined) {
    if (name !== undefined && !NAMESPACE.test(name)) {
      throw new EventStoreConfigError(`invalid ${NAMESPACE_OPTION} ${JSON.stringify(name)}: must match ${NAMESPACE}`);
    }
    this.prefix = name === undefined ? '' : `${name}.`;
  }

  toEsdb(stream: string): string {
    return this.prefix + stream;
  }

  /** The ledger stream an EventStoreDB stream holds, or undefined when it is outside the namespace. */
  fromEsdb(esdbStream: string): string | undefined {
    if (!esdbStream.startsWith(this.prefix)) return undefined;
    return esdbStream.slice(this.prefix.length);
  }

  /** A regular expression (JavaScript and .NET) for the EventStoreDB names of ledger streams starting with `ledgerPattern`. */
  streamRegex(ledgerPattern: string): string {
    return `^${this.prefix.replace('.', '\\.')}${ledgerPattern}`;
  }
}

/** Splits the adapter's own option off a connection string; the rest goes to the client unchanged. */
export function splitConnectionString(url: string): { clientConnectionString: string; namespace: string | undefined } {
  const match = new RegExp(`([?&])${NAMESPACE_OPTION}=([^&#]*)&?`).exec(url);
  if (!match) return { clientConnectionString: url, namespace: undefined };
  const before = url.slice(0, match.index);
  const after = url.slice(match.index + match[0].length);
  const joiner = match[1] === '?' ? (after ? '?' : '') : after ? '&' : '';
  return { clientConnectionString: before + joiner + after, namespace: decodeURIComponent(match[2]) };
}
