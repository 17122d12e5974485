// A server's start as far as its cache folder goes: takes it (or exits 1 saying who has it), says so, and keeps it until killed.
import { holdCacheFolder } from '@/lib/server/cacheFolderLock';

const lock = holdCacheFolder(process.argv[2] as string);
console.log(`${lock.state} ${process.pid}`);
setInterval(() => undefined, 60_000);
