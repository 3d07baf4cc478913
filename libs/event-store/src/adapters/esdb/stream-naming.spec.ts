import { EventStoreConfigError } from '../../errors';
import { commandEventId } from './command-event-id';
import { isWantedLedgerEvent, serverFilterFor } from './ledger-filter';
import { splitConnectionString, StreamNamespace } from './stream-namespace';

describe('EventStoreDB stream naming', () => {
  const plain = new StreamNamespace(undefined);
  const staging = new StreamNamespace('staging');

  it('maps ledger streams into and out of a namespace', () => {
    expect(plain.toEsdb('case-1')).toBe('case-1');
    expect(staging.toEsdb('case-1')).toBe('staging.case-1');
    expect(staging.fromEsdb('staging.case-1')).toBe('case-1');
    expect(staging.fromEsdb('case-1')).toBeUndefined();
    expect(staging.fromEsdb('stagingXcase-1')).toBeUndefined();
    expect(() => new StreamNamespace('Staging!')).toThrow(EventStoreConfigError);
  });

  it('takes the namespace out of the connection string and leaves the rest to the client', () => {
    expect(splitConnectionString('esdb://h:2113?tls=false')).toEqual({ clientConnectionString: 'esdb://h:2113?tls=false', namespace: undefined });
    expect(splitConnectionString('esdb://h:2113?tls=false&ledgerNamespace=a_1')).toEqual({ clientConnectionString: 'esdb://h:2113?tls=false', namespace: 'a_1' });
    expect(splitConnectionString('esdb://h:2113?ledgerNamespace=a&tls=false')).toEqual({ clientConnectionString: 'esdb://h:2113?tls=false', namespace: 'a' });
    expect(splitConnectionString('esdb://h:2113?x=1&ledgerNamespace=a&tls=false')).toEqual({ clientConnectionString: 'esdb://h:2113?x=1&tls=false', namespace: 'a' });
    expect(splitConnectionString('esdb+discover://u:p@h:2113?ledgerNamespace=a')).toEqual({ clientConnectionString: 'esdb+discover://u:p@h:2113', namespace: 'a' });
  });

  it('sends the server one expression that keeps system streams out, and checks everything again on arrival', () => {
    const ledgerOnly = new RegExp(serverFilterFor(undefined, plain).regex);
    expect(['case-1', 'agency-fr-ocreth'].every((s) => ledgerOnly.test(s))).toBe(true);
    expect(['$stats-127.0.0.1:2113', '$$case-1', '$ce-case', 'Orders-1', 'staging.case-1'].some((s) => ledgerOnly.test(s))).toBe(false);
    const stagingOnly = new RegExp(serverFilterFor(undefined, staging).regex);
    expect(stagingOnly.test('staging.case-1')).toBe(true);
    expect(stagingOnly.test('case-1')).toBe(false);
    expect(stagingOnly.test('stagingXcase-1')).toBe(false);

    expect(isWantedLedgerEvent('case-1', 'CaseOpened', undefined, plain)).toBe(true);
    expect(isWantedLedgerEvent('case-1', '$metadata', undefined, plain)).toBe(false);
    expect(isWantedLedgerEvent('$ce-case', 'CaseOpened', undefined, plain)).toBe(false);
    expect(isWantedLedgerEvent('staging.case-1', 'CaseOpened', undefined, plain)).toBe(false);
    expect(isWantedLedgerEvent('staging.case-1', 'CaseOpened', undefined, staging)).toBe(true);
    expect(isWantedLedgerEvent('case-1', 'CaseOpened', { eventTypes: ['CaseOpened'], streamPrefixes: ['clue-'] }, plain)).toBe(false);
  });

  it('matches prefixes and event types literally, whatever characters they hold', () => {
    const prefixes = new RegExp(serverFilterFor({ eventTypes: undefined, streamPrefixes: ['cas.-', 'a(b|c)'] }, plain).regex);
    expect(prefixes.test('cas.-1')).toBe(true);
    expect(prefixes.test('case-1')).toBe(false);
    expect(prefixes.test('a(b|c)-1')).toBe(true);
    expect(prefixes.test('ab-1')).toBe(false);
    const types = new RegExp(serverFilterFor({ eventTypes: ['Case.Opened'], streamPrefixes: undefined }, plain).regex);
    expect(types.test('Case.Opened')).toBe(true);
    expect(types.test('CaseXOpened')).toBe(false);
    expect(types.test('Case.OpenedLater')).toBe(false);
  });

  it('derives version-5 event ids from stream, command and index', () => {
    const id = commandEventId('case-1', 'command-1', 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(commandEventId('case-1', 'command-1', 0)).toBe(id);
    const others = [commandEventId('case-1', 'command-1', 1), commandEventId('case-2', 'command-1', 0), commandEventId('case-1', 'command-2', 0)];
    expect(new Set([id, ...others]).size).toBe(4);
    // the parts cannot run into each other
    expect(commandEventId('case-1', 'a-1', 0)).not.toBe(commandEventId('case-1-a', '1', 0));
  });
});
