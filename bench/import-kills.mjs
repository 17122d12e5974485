#!/usr/bin/env node
/**
 * The importer killed at random: `npm run import -- … --update` of one upstream source, killed
 * with SIGKILL at a random moment round after round, while an editor edits and deletes articles
 * between rounds; then one run to the end. Counts what was lost: an editor's text gone, a deleted
 * article back, an article missing, or an upstream change nobody touched that did not land.
 * tests/importLedger.test.ts kills at each change in turn on a small source; this is the same at
 * scale and by chance.
 *
 *   node bench/import-kills.mjs [--rounds 40] [--items 2000] [--flip] [--late]
 *
 * --flip: rounds alternate between two upstream versions, so every run rewrites a third of the
 * articles (without it, rounds repeat one version and soon have nothing to write).
 * --late: kills land in the last quarter of a run and a little after, where it writes.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '40' },
    items: { type: 'string', default: '2000' },
    flip: { type: 'boolean', default: false },
    late: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const count = Number(values.items);
const added = Math.round(count / 10);
const work = mkdtempSync(path.join(tmpdir(), 'broadsheet-import-kills-'));
const content = path.join(work, 'content');

// A fixed seed: the same rounds each time, on any machine (the moments differ with its speed).
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const item = (i, version) => ({
  id: `s${i}`,
  title: `Import kills item ${i}`,
  description: `<p>${version} text ${i}.</p>`,
  link: `https://upstream.example.org/${i}`,
  pub_date: '2026-11-28 08:00:00',
  kind: 1,
  language: 'en',
});
const upstream = {
  v1: Array.from({ length: count }, (_, i) => item(i, 'v1')),
  // A third of the items changed, a tenth more new ones.
  v2: [...Array.from({ length: count }, (_, i) => item(i, i % 3 === 0 ? 'v2' : 'v1')), ...Array.from({ length: added }, (_, k) => item(count + k, 'v2'))],
};
for (const [version, data] of Object.entries(upstream)) {
  mkdirSync(path.join(work, version, 'desk'), { recursive: true });
  writeFileSync(path.join(work, version, 'desk', 'list.json'), JSON.stringify({ data }));
}
const articles = path.join(content, 'en/news/desk');
const fileOf = (i) => path.join(articles, `s${i}.en.md`);

/** One import, killed after `killAfterMs` unless it ends first. */
function run(version, killAfterMs) {
  return new Promise((resolve) => {
    const started = performance.now();
    const args = ['--import', 'tsx', 'scripts/import.ts', path.join(work, version, 'desk', 'list.json'), '--content', content, '--update'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, ms: performance.now() - started });
    });
  });
}

/** What the editor did: the lines added to each article, and the articles deleted. */
const notes = new Map();
const deleted = new Set();
function editorActs(times) {
  for (let k = 0; k < times; k++) {
    const i = Math.floor(random() * (count + added));
    if (deleted.has(i) || !existsSync(fileOf(i))) continue;
    if (random() < 0.5) {
      rmSync(fileOf(i));
      deleted.add(i);
    } else {
      const note = `Editor's note ${i}-${(notes.get(i) ?? []).length}`;
      appendFileSync(fileOf(i), `\n${note}\n`);
      notes.set(i, [...(notes.get(i) ?? []), note]);
    }
  }
}

const first = await run('v1');
if (first.code !== 0) throw new Error(first.output);
editorActs(200);
let window = first.ms;
if (values.flip) {
  const probe = await run('v2');
  if (probe.code !== 0) throw new Error(probe.output);
  window = probe.ms;
}
const figures = { items: count + added, rounds, kills: 0, killedWhileWriting: 0, killedWithWritesPending: 0, runsThatEnded: 0 };
for (let round = 0; round < rounds; round++) {
  const moment = (values.late ? 0.75 + 0.35 * random() : random()) * window;
  const result = await run(values.flip && round % 2 === 1 ? 'v1' : 'v2', moment);
  if (result.signal === 'SIGKILL') {
    figures.kills++;
    const temporaries = readdirSync(articles).filter((name) => name.endsWith('.tmp')).length;
    let pending = 0;
    try {
      pending = Object.keys(JSON.parse(readFileSync(path.join(content, '.import-ledger/desk.json'), 'utf8')).pending).length;
    } catch {
      // No ledger yet, or none readable: nothing pending to count.
    }
    if (temporaries > 0 || pending > 0) figures.killedWhileWriting++;
    if (pending > 0) figures.killedWithWritesPending++;
  } else if (result.code === 0) {
    figures.runsThatEnded++;
    // It ended first: runs take this long now (the machine's load changes), aim the next ones by it.
    window = result.ms;
  } else throw new Error(result.output);
  editorActs(10);
}
const last = await run('v2');
if (last.code !== 0) throw new Error(last.output);

const lost = [];
for (let i = 0; i < count + added; i++) {
  const there = existsSync(fileOf(i));
  if (deleted.has(i)) {
    if (there) lost.push(`s${i}: deleted by the editor, back`);
    continue;
  }
  if (!there) {
    lost.push(`s${i}: missing`);
    continue;
  }
  const text = readFileSync(fileOf(i), 'utf8');
  for (const note of notes.get(i) ?? []) if (!text.includes(note)) lost.push(`s${i}: lost "${note}"`);
  const expected = `${i >= count || i % 3 === 0 ? 'v2' : 'v1'} text ${i}.`;
  if (!notes.has(i) && !text.includes(expected)) lost.push(`s${i}: not "${expected}"`);
}
const leftovers = readdirSync(content, { recursive: true }).filter((name) => /\.(tmp|lock)$/.test(name));
console.log(
  JSON.stringify(
    {
      ...figures,
      editorNotes: [...notes.values()].flat().length,
      editorDeletions: deleted.size,
      lost: lost.length,
      lostFirst: lost.slice(0, 10),
      leftovers,
      lastRun: last.output.trim(),
    },
    null,
    1,
  ),
);
rmSync(work, { recursive: true, force: true });
process.exitCode = lost.length === 0 && leftovers.length === 0 ? 0 : 1;
