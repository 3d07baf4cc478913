import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Router, type Response } from 'express';

/**
 * The GraphiQL explorer, served entirely from this server (graphiql 3 standalone build, React 18
 * UMD builds, GraphiQL's stylesheet, a small start-up script): it works without internet access,
 * and its Content-Security-Policy forbids loading anything from elsewhere.
 */
export const EXPLORER_PATH = '/explorer';
const ASSETS_PATH = `${EXPLORER_PATH}/assets`;

interface Asset {
  contentType: string;
  body: Buffer;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

function packageFile(pkg: string, file: string): Buffer {
  return readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file));
}

/** Mounts the page and its assets; call only when the explorer is enabled. */
export function explorerRoutes(graphqlPath: string): Router {
  const assets = new Map<string, Asset>([
    ['react.production.min.js', { contentType: JS, body: packageFile('react', 'umd/react.production.min.js') }],
    ['react-dom.production.min.js', { contentType: JS, body: packageFile('react-dom', 'umd/react-dom.production.min.js') }],
    ['graphiql.min.js', { contentType: JS, body: packageFile('graphiql', 'graphiql.min.js') }],
    ['graphiql.min.css', { contentType: CSS, body: packageFile('graphiql', 'graphiql.min.css') }],
    ['explorer.css', { contentType: CSS, body: Buffer.from(EXPLORER_CSS) }],
    ['explorer.js', { contentType: JS, body: Buffer.from(explorerScript(graphqlPath)) }],
  ]);
  const page = Buffer.from(explorerPage());

  const router = Router();
  router.get(EXPLORER_PATH, (_req, res) => {
    securityHeaders(res);
    res.status(200).setHeader('content-type', 'text/html; charset=utf-8').setHeader('cache-control', 'no-cache').send(page);
  });
  router.get(`${ASSETS_PATH}/:name`, (req, res) => {
    const asset = assets.get(req.params.name);
    if (asset === undefined) {
      res.status(404).setHeader('content-type', 'text/plain; charset=utf-8').send('Not found');
      return;
    }
    res.setHeader('x-content-type-options', 'nosniff');
    res.status(200).setHeader('content-type', asset.contentType).setHeader('cache-control', 'public, max-age=3600').send(asset.body);
  });
  return router;
}

function securityHeaders(res: Response): void {
  res.setHeader(
    'content-security-policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      // GraphiQL and CodeMirror set inline styles on elements.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      // Queries over HTTP, subscriptions over WebSocket, both to this server only.
      "connect-src 'self' ws: wss:",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
}

function explorerPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Liaison Ledger · GraphQL explorer</title>
<link rel="stylesheet" href="${ASSETS_PATH}/graphiql.min.css">
<link rel="stylesheet" href="${ASSETS_PATH}/explorer.css">
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script src="${ASSETS_PATH}/react.production.min.js"></script>
<script src="${ASSETS_PATH}/react-dom.production.min.js"></script>
<script src="${ASSETS_PATH}/graphiql.min.js"></script>
<script src="${ASSETS_PATH}/explorer.js"></script>
</body>
</html>
`;
}

const EXPLORER_CSS = `html, body { height: 100%; margin: 0; }
#graphiql { height: 100vh; }
`;

/** Starts GraphiQL against this server; headers typed in the header editor also authenticate subscriptions. */
function explorerScript(graphqlPath: string): string {
  return `(function () {
  'use strict';
  var endpoint = new URL(${JSON.stringify(graphqlPath)}, window.location.href);
  var subscriptions = new URL(endpoint.href);
  subscriptions.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';
  var fetcher = GraphiQL.createFetcher({ url: endpoint.href, subscriptionUrl: subscriptions.href });
  var headers = JSON.stringify({ Authorization: 'Bearer <paste an officer token here>' }, null, 2);
  var defaultQuery = '# Liaison Ledger GraphQL explorer.\\n' +
    '# Paste a bearer token into the Authorization header below (Headers tab), then press\\n' +
    '# the re-fetch button in the sidebar to load the schema documentation.\\n';
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultHeaders: headers,
      headerEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers',
      defaultQuery: defaultQuery
    })
  );
})();
`;
}
