/** `340 ms` under a second, then `4.2 s`, then `1 min 5 s`, then `23 h 5 min` (a budget's wait). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 3_600_000) {
    const minutes = Math.ceil(ms / 60_000);
    return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  }
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
