// Copies KaTeX's stylesheet and fonts into public/vendor before a build or dev server, so math
// pages load them from this site (no request to another host). Generated; not in git.
import { cpSync, mkdirSync } from 'node:fs';

const target = 'public/vendor/katex';
mkdirSync(target, { recursive: true });
cpSync('node_modules/katex/dist/katex.min.css', `${target}/katex.min.css`);
cpSync('node_modules/katex/dist/fonts', `${target}/fonts`, { recursive: true });
