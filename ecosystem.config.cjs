// PM2 process file (CommonJS on purpose: the package is "type": "module").
// Start: PM2_HOME="$PWD/.pm2" npx pm2 start ecosystem.config.cjs   (README, Operations)
// Runs the compiled bot (dist/, built by `npm ci` / `npm run build`) with plain node.
const path = require('node:path');

module.exports = {
  apps: [
    {
      name: 'kline-signals',
      script: path.join(__dirname, 'bin/kline-signals.js'),
      args: 'run',
      cwd: __dirname,
      interpreter: 'node',
      // Stack traces in the logs name the .ts lines (dist/ carries source maps).
      node_args: '--enable-source-maps',
      // One process: the bot is a single event loop; more instances would double every signal.
      instances: 1,
      exec_mode: 'fork',
      autorestart: true,
      // A crash loop backs off exponentially instead of hammering Binance on every restart.
      exp_backoff_restart_delay: 1000,
      max_restarts: 50,
      min_uptime: '30s',
      // Above the bot's 9 s shutdown deadline, so PM2 never SIGKILLs a clean stop.
      kill_timeout: 15000,
      max_memory_restart: '400M',
      out_file: path.join(__dirname, 'data/logs/out.log'),
      error_file: path.join(__dirname, 'data/logs/error.log'),
      merge_logs: true,
      time: false,
      env: { NODE_ENV: 'production' },
    },
  ],
};
