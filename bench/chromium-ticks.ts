// CPU time of the Chromium processes a bench tool launched, read from /proc (Linux), for the UI tools that split a
// frame's cost between the renderer and the GPU process.
import { readFileSync, readdirSync } from 'node:fs';

/** CPU ticks (user + system, jiffies) of the Chromium processes this process launched, by their --type. */
export function chromiumTicks(): Map<string, number> {
  // Only this process's own browsers (its descendants): other Chromiums on a shared machine must not count.
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parentOf.set(Number(entry), Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  const ours = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === process.pid) return true;
    return false;
  };
  const out = new Map<string, number>();
  for (const pid of parentOf.keys()) {
    if (!ours(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium')) continue;
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(type, (out.get(type) ?? 0) + Number(stat[11]) + Number(stat[12]));
    } catch { /* gone meanwhile */ }
  }
  return out;
}
