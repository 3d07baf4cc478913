import * as path from 'node:path';

/** The ledger apps a deployment runs as separate processes. */
export type LedgerApp = 'api' | 'projector';

/** The repository root, whether this file runs from the sources or from dist/. */
export const REPOSITORY_ROOT = findRoot();

function findRoot(): string {
  // sources: <root>/apps/soak/src/processes; build: <root>/dist/apps/soak/src/processes
  const up = path.resolve(__dirname, '..', '..', '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

const RUNNING_FROM_SOURCES = __filename.endsWith('.ts');

/**
 * The node arguments that start `app` the same way this code was loaded: the built JavaScript
 * (dist/, after `npm run build`) when this runs built, the TypeScript sources through the
 * project's on-the-fly loader (test/support/register-ts.js) when this runs from the sources (tests).
 */
export function appEntry(app: LedgerApp): string[] {
  if (RUNNING_FROM_SOURCES) {
    return ['-r', path.join(REPOSITORY_ROOT, 'test', 'support', 'register-ts.js'), path.join(REPOSITORY_ROOT, 'apps', app, 'src', 'main.ts')];
  }
  return [path.join(REPOSITORY_ROOT, 'dist', 'apps', app, 'src', 'main.js')];
}
