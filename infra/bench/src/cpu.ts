import fs from 'node:fs';

export interface CpuTimes {
  readonly busy: number;
  readonly total: number;
}

/** Busy and total CPU time of the whole machine so far (Linux /proc/stat, in clock ticks); undefined elsewhere. */
export const cpuTimes = (): CpuTimes | undefined => {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
};

/** Fraction of all cores busy between two cpuTimes() readings. */
export const busyBetween = (a: CpuTimes | undefined, b: CpuTimes | undefined): number | undefined =>
  a && b && b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : undefined;
