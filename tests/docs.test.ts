import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';

/*
 * The README and docs/ as a newcomer reads them: every link reaches a file and, with an anchor, a
 * heading in it (as GitHub makes anchors); every image exists; every npm command is a script of
 * package.json; every file of the project they name in code is there.
 */

const root = path.resolve(import.meta.dirname, '..');
const docs = [
  'README.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const withoutCodeBlocks = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');
/** Folders the project writes output to (git ignores them): docs may name them before they exist. */
const outputFolders = read('.gitignore')
  .split('\n')
  .filter((line) => /^[\w./-]+\/$/.test(line) && line.includes('/') && !line.startsWith('.'));
const isOutput = (name: string) => outputFolders.some((folder) => `${name}/`.startsWith(folder));

/** The anchors GitHub gives a file's headings. */
function anchors(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const headings = withoutCodeBlocks(read(file)).match(/^#{1,6} .+$/gm) ?? [];
  return new Set(headings.map((heading) => slugger.slug(heading.replace(/^#+ /, '').replace(/`/g, ''))));
}

/** Every piece of code in a file: fenced blocks and inline spans. */
function codeOf(text: string): string[] {
  const blocks = [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((match) => match[1] as string);
  const spans = [...withoutCodeBlocks(text).matchAll(/`([^`\n]+)`/g)].map((match) => match[1] as string);
  return [...blocks, ...spans];
}

describe.each(docs)('%s', (file) => {
  const text = read(file);

  it('links to files and headings that exist, and shows images that exist', () => {
    const prose = withoutCodeBlocks(text).replace(/`[^`\n]+`/g, '');
    const links = [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
    for (const link of links.filter((target) => !/^[a-z]+:/i.test(target))) {
      const [target = '', anchor] = link.split('#');
      const linked = target === '' ? file : path.join(path.dirname(file), decodeURIComponent(target));
      expect(existsSync(path.join(root, linked)), `${file}: ${link}`).toBe(true);
      if (anchor) expect([...anchors(linked)], `${file}: ${link}`).toContain(anchor);
    }
  });

  it('names only npm scripts that package.json has', () => {
    for (const code of codeOf(text)) {
      for (const match of code.matchAll(/\bnpm (?:run ([\w:-]+)|(test|start)\b)/g)) {
        expect(scripts, `${file}: ${match[0]}`).toContain(match[1] ?? match[2]);
      }
    }
  });

  it('names only project files that exist', () => {
    const named = codeOf(text).flatMap((code) =>
      [...code.matchAll(/(?:^|[\s(`"'])((?:lib|app|components|scripts|bench|e2e|tests|deploy|patches|docs|public)\/[\w./[\]+-]*[\w\]])/g)].map(
        (match) => match[1] as string,
      ),
    );
    for (const name of named.filter((candidate) => !candidate.includes('*') && !candidate.includes('{') && !isOutput(candidate))) {
      expect(existsSync(path.join(root, name)), `${file}: ${name}`).toBe(true);
    }
  });

  it('has one title and no two headings with the same anchor', () => {
    const headings = withoutCodeBlocks(text).match(/^#{1,6} .+$/gm) ?? [];
    expect(headings.filter((heading) => heading.startsWith('# '))).toHaveLength(1);
    const slugs = headings.map((heading) => new GithubSlugger().slug(heading.replace(/^#+ /, '').replace(/`/g, '')));
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});

describe('the README', () => {
  it('is the front door: the two commands, both themes, and a link to every document', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm run build && npm start');
    expect(readme).toContain('npm ci && npm test');
    expect(readme).toContain('docs/images/home-light.png');
    expect(readme).toContain('docs/images/home-dark.png');
    for (const doc of docs.filter((name) => name !== 'README.md')) expect(readme, doc).toContain(`(${doc})`);
  });
});
