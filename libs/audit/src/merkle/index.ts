export * from './merkle-hash';
export * from './merkle-tree';
export * from './merkle-frontier';
export * from './merkle-proofs';
