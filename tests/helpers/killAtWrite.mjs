/*
 * Preloaded into an import (`node --import ./tests/helpers/killAtWrite.mjs`) to kill it with
 * SIGKILL just before its KILL_AT-th change to the folder KILL_ROOT: a file opened for writing, a
 * write, an fsync, a rename or a removal. No cleanup runs, as when an operator or the machine
 * kills it. At a normal exit it prints how many such changes it made, so a test can try each.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const root = process.env.KILL_ROOT ?? '/nonexistent';
const at = Number(process.env.KILL_AT ?? 0);
let count = 0;
const fds = new Set();
const inRoot = (file) => typeof file === 'string' && file.startsWith(root);
const change = () => {
  if (++count === at) process.kill(process.pid, 'SIGKILL');
};

const { openSync, writeSync, fsyncSync, closeSync, renameSync, rmSync, writeFileSync } = fs;
fs.openSync = (file, flags, ...rest) => {
  if (inRoot(file) && /[wa]/.test(String(flags))) change();
  const fd = openSync(file, flags, ...rest);
  if (inRoot(file)) fds.add(fd);
  return fd;
};
fs.writeSync = (fd, ...rest) => {
  if (fds.has(fd)) change();
  return writeSync(fd, ...rest);
};
fs.fsyncSync = (fd) => {
  if (fds.has(fd)) change();
  return fsyncSync(fd);
};
fs.closeSync = (fd) => {
  fds.delete(fd);
  return closeSync(fd);
};
fs.renameSync = (from, to) => {
  if (inRoot(from)) change();
  return renameSync(from, to);
};
fs.rmSync = (file, options) => {
  if (inRoot(file)) change();
  return rmSync(file, options);
};
fs.writeFileSync = (file, ...rest) => {
  if (inRoot(file)) change();
  return writeFileSync(file, ...rest);
};
syncBuiltinESMExports();
process.on('exit', () => process.stderr.write(`changes: ${count}\n`));
