import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The commit measured, and whether the server's sources differ from it (e.g. `3959f78 + uncommitted changes`). */
export function describeSources(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git(
      'status',
      '--porcelain',
      '--',
      'apps/server/src',
      'apps/server/migrations',
      'packages/shared/src',
    );
    return dirty ? `${commit} + uncommitted changes in the server sources` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
}

/** Busy and total CPU time of the whole machine so far, in seconds (Linux /proc/stat). */
function machineCpuSeconds(): { busy: number; total: number } | null {
  try {
    const fields = /^cpu\s+(.+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]?.split(/\s+/).map(Number);
    if (!fields || fields.length < 8) return null;
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    const busy = user + nice + system + irq + softirq + steal;
    return { busy: busy / 100, total: (busy + idle + iowait) / 100 };
  } catch {
    return null;
  }
}

/**
 * Watches how much of the machine other processes used while the benchmark ran: the machine's
 * busy CPU time less this process's own (all its threads), as a share of all cores.
 */
export function watchLoad(): () => { otherShare: number | null; loadBefore: number; loadAfter: number } {
  const machineBefore = machineCpuSeconds();
  const ownBefore = process.cpuUsage();
  const loadBefore = os.loadavg()[0] ?? 0;
  return () => {
    const machineAfter = machineCpuSeconds();
    const own = process.cpuUsage(ownBefore);
    const ownSeconds = (own.user + own.system) / 1e6;
    const otherShare =
      machineBefore && machineAfter && machineAfter.total > machineBefore.total
        ? Math.max(0, machineAfter.busy - machineBefore.busy - ownSeconds) /
          (machineAfter.total - machineBefore.total)
        : null;
    return { otherShare, loadBefore, loadAfter: os.loadavg()[0] ?? 0 };
  };
}

/** What the figures were measured on: CPU model (from /proc/cpuinfo), cores, memory, Node. */
export function describeMachine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
    if (model) cpu = model.trim();
  } catch {
    // Not Linux: keep what os.cpus() says.
  }
  return {
    cpu,
    cores: os.availableParallelism(),
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}
