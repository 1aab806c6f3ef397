// package.json "prepare": `npm ci` and `npm install` run it, so a fresh checkout has dist/ before
// `npm start`. With the dev dependencies (the README's set-up) it runs `npm run build`. With
// `npm ci --omit=dev` there is no TypeScript compiler, so dist/ must already be there (built where
// the dev dependencies are, then copied); without it the install fails here, not at the first start.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

function hasCompiler() {
  try {
    createRequire(import.meta.url).resolve('typescript');
    return true;
  } catch {
    return false;
  }
}

if (hasCompiler()) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  process.exit(build.status ?? 1);
} else if (existsSync('dist/cli.js')) {
  process.stdout.write('prepare: no TypeScript compiler (dev dependencies omitted); keeping the existing dist/\n');
} else {
  process.stderr.write('prepare: dist/ is missing and the TypeScript compiler is not installed (--omit=dev?): run `npm ci && npm run build` where the dev dependencies are and copy dist/ here\n');
  process.exit(1);
}
