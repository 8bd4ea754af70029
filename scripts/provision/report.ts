/** One line per component saying where it came from, on stderr so command output stays clean. */
export function report(component: string, source: string): void {
  process.stderr.write(`[provision] ${component}: ${source}\n`);
}
