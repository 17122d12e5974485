/**
 * npm run new -- --lang zh-CN --source demo "标题" [--slug name]
 * Writes a new article from archetypes/default.md into the content folder, like `hugo new`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isLanguage, languages, siteConfig } from '@/lib/config';
import { contentDir } from '@/lib/content/contentDir';
import { fillArchetype, newArticlePath } from '@/lib/content/newArticle';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { lang: { type: 'string' }, source: { type: 'string' }, slug: { type: 'string' } },
});
const title = positionals.join(' ').trim();
const lang = values.lang ?? siteConfig.defaultLanguage;
const source = values.source ?? 'desk';

function fail(message: string): never {
  console.error(`npm run new: ${message}`);
  console.error('usage: npm run new -- --lang zh-CN --source demo "标题" [--slug file-name]');
  process.exit(2);
}

if (!title) fail('a title is required');
if (!isLanguage(lang)) fail(`--lang ${lang} is not one of ${languages.map((l) => l.code).join(', ')}`);

const now = Date.now();
const relative = newArticlePath({ title, lang, source, slug: values.slug, now });
const file = path.join(contentDir(), relative);
if (existsSync(file)) fail(`${path.relative(process.cwd(), file)} already exists; choose another --slug`);

const archetype = readFileSync(path.join(process.cwd(), 'archetypes', 'default.md'), 'utf8');
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(
  file,
  fillArchetype(archetype, { title, lang, source, now, timeZone: siteConfig.timeZone, sidebar: siteConfig.sidebar.single, widgets: siteConfig.widgets }),
);
console.log(`Created ${path.relative(process.cwd(), file)}`);
console.log(`It is a draft: \`npm run dev\` shows it at /${relative.replace(/\.[^.]+\.md$/, '')}; set draft: false to publish.`);
