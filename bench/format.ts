// How figures are written in the report.
export const ms = (value: number) => `${Math.round(value)}`;
export const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
export const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
export const perItem = (totalMs: number, items: number) => (totalMs / items).toFixed(3);
export const list = (values: number[]) => values.map(ms).join(', ');
