import { ENV } from './envSpec.js';

/** The text of `.env.example`, generated from {@link ENV} so the two never drift (a test compares them). */
export function renderEnvExample(): string {
  const lines = [
    '# kline-signals settings. Copy to .env and edit; every line shows the default.',
    '# A bad value stops the bot with exit code 1 and names the variable and its allowed range.',
    '',
  ];
  for (const spec of Object.values(ENV)) {
    lines.push(`# ${spec.description}. Allowed: ${spec.allowed}.`);
    lines.push(spec.defaultValue === undefined ? `# ${spec.name}=` : `${spec.name}=${spec.defaultValue}`);
    lines.push('');
  }
  return lines.join('\n');
}
