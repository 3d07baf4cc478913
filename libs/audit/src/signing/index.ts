export * from './ledger-signing-key';
