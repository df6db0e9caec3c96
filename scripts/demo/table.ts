// A plain-text table for the terminal.

/** One line, at most `width` characters. */
export function clip(text: string, width: number): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length <= width ? line : `${line.slice(0, width - 3)}...`;
}

export function formatTable(headers: string[], rows: string[][]): string {
	const widths = headers.map((header, column) =>
		Math.max(header.length, ...rows.map((row) => row[column].length)),
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => cell.padEnd(widths[column]))
			.join(' | ')
			.trimEnd();
	const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
	return [line(headers), rule, ...rows.map(line)].join('\n');
}
