/**
 * Ends the dev server when the command that started it is gone. `pnpm mock` runs this bin through pnpm (and
 * `pnpm start` through scripts/start.mjs too): a `kill -9` of that pid leaves its children running, owned by init, still on
 * their port. So the bin watches the processes between itself and the session's leader (the user's shell, which
 * is not watched: `nohup pnpm mock &` outlives it) and stops when one of them ends. Linux reads /proc; elsewhere
 * only the direct parent is watched (a new parent id means it ended).
 */
import { readFileSync } from 'node:fs';

interface ProcessStat {
  ppid: number;
  session: number;
  state: string;
  startTime: string;
}

function stat(pid: number): ProcessStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, ppid: Number(fields[1]), session: Number(fields[3]), startTime: fields[19]! };
  } catch {
    return undefined;
  }
}

/** The processes to watch, nearest first, each with the start time that tells it from a later one with its pid. */
function launchers(): { pid: number; startTime: string }[] {
  const chain: { pid: number; startTime: string }[] = [];
  for (let pid = process.ppid; pid > 1 && chain.length < 32; ) {
    const info = stat(pid);
    if (!info || info.session === pid) break;
    chain.push({ pid, startTime: info.startTime });
    pid = info.ppid;
  }
  return chain;
}

/** Calls `onGone` (once) when a launching process ends. Returns the function that stops watching. */
export function watchLaunchers(onGone: (pid: number) => void, intervalMs = 250): () => void {
  const useProc = stat(process.pid) !== undefined;
  const watched = useProc ? launchers() : [];
  const parent = process.ppid;
  const timer = setInterval(() => {
    const gone = useProc
      ? watched.find(({ pid, startTime }) => {
          const now = stat(pid);
          return !now || now.state === 'Z' || now.startTime !== startTime;
        })?.pid
      : process.ppid !== parent
        ? parent
        : undefined;
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
