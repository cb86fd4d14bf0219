import Table from 'cli-table3';

/** Where a command writes: stdout for results, stderr for progress and failures. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (a progress bar is drawn only there). */
  interactive: boolean;
  /** Whether stdout is a terminal: `--watch` redraws in place there, and appends elsewhere. */
  terminal?: boolean;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
  terminal: process.stdout.isTTY === true,
};

/** Rows as a plain table (no colours: it is read and pasted as often as it is seen). */
export function table(head: string[], rows: (string | number | null | undefined)[][]): string {
  const rendered = new Table({ head, style: { head: [], border: [], compact: true } });
  rendered.push(...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell)))));
  return `${rendered.toString()}\n`;
}

/** A value as the `--json` output of a command: one JSON document. */
export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A field of a CSV line, quoted when it must be. */
const csvField = (value: string | number): string => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const csvLine = (fields: (string | number)[]): string => `${fields.map(csvField).join(',')}\n`;

export const duration = (ms: number): string => (ms < 1_000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`);
