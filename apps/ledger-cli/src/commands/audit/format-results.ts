import type { BundleVerificationResult, LedgerVerificationResult, RecordedCheckpoint } from '@ledger/audit';

export function formatVerification(result: LedgerVerificationResult): string {
  const lines: string[] = [];
  lines.push(result.ok ? 'ledger verified: OK' : `ledger verification FAILED: ${result.problemCount} problem(s)`);
  lines.push(`  events ${result.eventCount} in ${result.streamCount} streams, up to position ${result.headPosition} (${(result.durationMs / 1000).toFixed(1)} s)`);
  lines.push(`  checkpoints ${result.checkpointCount}; ${result.latestCheckpoint ? `latest: ${describeCheckpoint(result.latestCheckpoint)}` : 'none yet'}`);
  if (result.eventsAfterLatestCheckpoint > 0) {
    lines.push(`  ${result.eventsAfterLatestCheckpoint} event(s) after the latest checkpoint are protected by their hash chains only (a truncated tail there shows only against a newer trusted checkpoint)`);
  }
  lines.push(
    result.trustedCheckpointsChecked > 0
      ? `  trusted checkpoints compared: ${result.trustedCheckpointsChecked}`
      : '  trusted checkpoints compared: none (keep one with `checkpoint --out <file>`, pass it with --trusted-checkpoint <file>)',
  );
  if (result.firstProblem) {
    const p = result.firstProblem;
    const where = p.stream !== undefined ? `${p.stream} revision ${p.revision}` : p.position !== undefined ? `position ${p.position}` : 'the log';
    lines.push(`first broken link: ${p.kind} at ${where}`);
    lines.push(`  ${p.message}`);
    for (const other of result.problems.slice(1, 10)) lines.push(`  also: ${other.kind}${other.stream !== undefined ? ` at ${other.stream} revision ${other.revision}` : ''}: ${other.message}`);
    if (result.problemCount > 10) lines.push(`  … and ${result.problemCount - 10} more (use --json for the list)`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatBundleVerification(file: string, result: BundleVerificationResult): string {
  const lines: string[] = [];
  lines.push(result.ok ? `bundle ${file}: OK` : `bundle ${file}: FAILED (${result.problems.length} problem(s))`);
  lines.push(`  ${result.eventCount} event(s) in ${result.streamCount} stream(s), ${result.checkpointCount} earlier checkpoint(s), ${result.lineCount} lines`);
  if (result.checkpoint) lines.push(`  signed checkpoint: size ${result.checkpoint.treeSize}, position ${result.checkpoint.position}, root ${result.checkpoint.rootHash}, signed ${result.checkpoint.signedAt}`);
  if (result.publicKeyFingerprint) {
    lines.push(`  key fingerprint ${result.publicKeyFingerprint}${result.keyCompared ? ' (matches the key given)' : ' (the bundle\'s own key: compare it with the ledger\'s published fingerprint, or pass --public-key)'}`);
  }
  lines.push(`  sealed: ${result.sealed ? 'yes (every line matches its signed digest)' : 'no'}`);
  for (const problem of result.problems.slice(0, 10)) lines.push(`  ${problem.message}`);
  return `${lines.join('\n')}\n`;
}

export function describeCheckpoint(checkpoint: RecordedCheckpoint): string {
  return `size ${checkpoint.treeSize} up to position ${checkpoint.position}, root ${checkpoint.rootHash}, signed ${checkpoint.signedAt}`;
}
