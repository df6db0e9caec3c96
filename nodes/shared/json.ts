/** JSON text parsed, or undefined when it is not JSON (callers word their own error). */
export function parseJsonText(text: string): { value: unknown } | undefined {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch {
		return undefined;
	}
}
