import { deriveId } from '@ledger/commands';

/**
 * The demo world's ids and command ids are derived from fixed names, so seeding twice names the
 * same things and a second run (e.g. after an interrupted one) only completes what is missing:
 * every command already recorded is an idempotent replay.
 */
const NAMESPACE = 'liaison-ledger-demo-world-v1';

export const demoId = (name: string): string => deriveId(NAMESPACE, name);
export const demoCommandId = (step: string): string => deriveId(NAMESPACE, `command:${step}`);
