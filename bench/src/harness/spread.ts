/** `min–max` of a case's samples, printed beside the medians to show how noisy the run was. */
export function spread(values: number[]): string {
  return `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
}
