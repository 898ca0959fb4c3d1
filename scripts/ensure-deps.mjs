// Shared by the build and test commands: a fresh clone has no node_modules, so install them first.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function run(command, options = {}) {
  console.log(`\n$ ${command}`);
  execSync(command, { stdio: 'inherit', ...options });
}

export function ensureDependencies() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) {
    console.error(`Kontaktpflege needs Node.js 20 or newer (this is ${process.version}).`);
    process.exit(1);
  }
  if (!existsSync('node_modules/.bin/wxt') || !existsSync('node_modules/.bin/vitest')) {
    run('npm ci --no-audit --no-fund');
  }
  if (!existsSync('.wxt/wxt.d.ts')) run('npx wxt prepare');
}
