#!/usr/bin/env node
// Entry point: runs the compiled bot in dist/ (`npm run build`; `npm ci` builds it through the
// prepare script), resolved from this file rather than the working directory, so `kline-signals`
// works from any folder and under PM2. Plain node: no TypeScript loader in the production process.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write(`kline-signals: ${fileURLToPath(cli)} is missing; run \`npm run build\` first\n`);
  process.exit(1);
}
// Stack traces name the .ts lines (dist/ carries source maps). npm start, PM2 and systemd also pass
// --enable-source-maps; this covers `npx kline-signals` and a bare `node bin/kline-signals.js`.
process.setSourceMapsEnabled(true);
await import(cli.href);
