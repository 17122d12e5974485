/**
 * Keeps a server whose log pipe has closed (the process reading its output died) serving quietly.
 * Without a listener, each write to the closed pipe raises EPIPE as an uncaught exception;
 * Next.js logs that exception, the log line fails the same way, and the server spins a core on
 * it for as long as it runs, still answering readers. Seen with a server whose parent had died.
 * Only a closed pipe is ignored: any other stream error is thrown as before.
 */
export function ignoreClosedLogPipes(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}
