/**
 * What the machine's CPUs did while a section of the bench ran, from Linux's /proc/stat: how busy
 * they were and how much time the hypervisor took from this virtual machine (steal). On this shared
 * VM steal moved the time figures more than any change to the app did (a third of the CPU was taken
 * during one end-to-end run), and the load average alone does not show it. Elsewhere (no
 * /proc/stat) nothing is reported.
 */
import { readFileSync } from 'node:fs';

/** Cumulative CPU time of all cores, in the kernel's ticks. */
export interface CpuTimes {
  total: number;
  idle: number;
  steal: number;
}

export interface CpuShare {
  /** Share of the interval the CPUs ran something (this VM's work, ours or not), in percent. */
  busyPercent: number;
  /** Share of the interval the hypervisor gave the CPUs to another machine, in percent. */
  stealPercent: number;
}

/**
 * The all-CPUs line of /proc/stat ("cpu  user nice system idle iowait irq softirq steal ..."), or
 * null when there is none. Idle counts iowait; guest time is already inside user and nice.
 */
export function parseCpuTimes(stat: string): CpuTimes | null {
  const line = stat.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) return null;
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return null;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  return { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait, steal };
}

export function readCpuTimes(): CpuTimes | null {
  try {
    return parseCpuTimes(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** What the CPUs did between two readings; null without both, or with no time between them. */
export function cpuShare(before: CpuTimes | null, after: CpuTimes | null): CpuShare | null {
  if (!before || !after) return null;
  const total = after.total - before.total;
  if (total <= 0) return null;
  const percent = (ticks: number) => Math.round((1000 * ticks) / total) / 10;
  return { busyPercent: percent(total - (after.idle - before.idle) - (after.steal - before.steal)), stealPercent: percent(after.steal - before.steal) };
}

/** "bytes 12% busy, 0% steal; scale 80% busy, 31% steal" (sections without a reading are left out). */
export function formatCpuShares(shares: Readonly<Record<string, CpuShare | null>>): string {
  return Object.entries(shares)
    .filter((entry): entry is [string, CpuShare] => entry[1] !== null)
    .map(([section, share]) => `${section} ${share.busyPercent}% busy, ${share.stealPercent}% steal`)
    .join('; ');
}
