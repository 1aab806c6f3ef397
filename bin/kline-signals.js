#!/usr/bin/env node
// Entry point: runs the TypeScript sources through tsx's loader, resolved from this package (not
// from the working directory), so `kline-signals` works from any folder and under PM2.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
