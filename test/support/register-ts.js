// Lets a plain `node` child process load the TypeScript sources directly: `.ts` files are
// transpiled on load (no type check; `npm run typecheck` does that), and `@ledger/<lib>[/path]`
// resolves to libs/<lib>/src[/path] as in tsconfig.json. Used by tests that spawn processes.
// Transpiled files are cached in the temp directory by content hash, so only the first process
// after a change pays for loading the compiler.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '..', '..');
const cacheDir = path.join(os.tmpdir(), 'ledger-ts-cache');
let ts;

function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  ts ??= require('typescript');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      inlineSourceMap: true,
    },
  });
  fs.mkdirSync(cacheDir, { recursive: true });
  const temporary = `${cached}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, outputText);
  fs.renameSync(temporary, cached);
  return outputText;
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveLedgerAlias(request, parent, ...rest) {
  const alias = /^@ledger\/([a-z-]+)(\/.*)?$/.exec(request);
  const target = alias ? path.join(root, 'libs', alias[1], 'src', alias[2] ?? '') : request;
  return resolveFilename.call(this, target, parent, ...rest);
};
