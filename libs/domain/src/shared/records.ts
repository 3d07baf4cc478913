/**
 * Own-key lookup in a state record. Ids such as `constructor` are valid slugs, and a plain
 * `record[id]` would find Object.prototype members for them.
 */
export function lookup<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
