// Copies the demo content to a fresh folder for the live-content server (see liveContent.ts).
import { cpSync, rmSync } from 'node:fs';

const target = process.argv[2];
rmSync(target, { recursive: true, force: true });
cpSync('content', target, { recursive: true });
