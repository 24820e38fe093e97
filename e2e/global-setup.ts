import fs from 'node:fs';
// @ts-expect-error plain ESM script shared with `npm start`, no type declarations
import { ensureWebBuilt } from '../scripts/web-build.mjs';

export default function setup() {
  if (!fs.existsSync('/usr/bin/chromium')) {
    throw new Error('Chromium is not installed (/usr/bin/chromium). Install it with: npm run setup:system');
  }
  (ensureWebBuilt as () => void)();
}
