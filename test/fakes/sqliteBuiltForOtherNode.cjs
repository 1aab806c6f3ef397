// Preloaded with `node --require` by test/sinks/sqliteModule.spec.ts: loading better-sqlite3's
// native addon fails exactly as it does when the addon was compiled for another Node version
// (node's ERR_DLOPEN_FAILED and its message); every other addon loads as usual.
'use strict';
const dlopen = process.dlopen;
process.dlopen = function (module, filename, ...rest) {
  if (String(filename).includes('better_sqlite3')) {
    const err = new Error(
      `The module '${filename}'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\n` +
        `NODE_MODULE_VERSION ${process.versions.modules}. Please try re-compiling or re-installing\nthe module (for instance, using \`npm rebuild\` or \`npm install\`).`,
    );
    err.code = 'ERR_DLOPEN_FAILED';
    throw err;
  }
  return dlopen.call(this, module, filename, ...rest);
};
