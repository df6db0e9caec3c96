// Postgres refuses to run as root: when we are root, its processes run as this user instead.
import { execFileSync } from 'child_process';

export interface RunAs {
	name: string;
	uid: number;
	gid: number;
}

function lookUp(name: string): RunAs | undefined {
	try {
		const id = (flag: string) =>
			Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }).trim());
		return { name, uid: id('-u'), gid: id('-g') };
	} catch {
		return undefined;
	}
}

/** Debian's `postgres` user when it exists, else `nobody`; undefined when we are not root. */
export function unprivilegedUser(): RunAs | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const user = lookUp('postgres') ?? lookUp('nobody');
	if (!user)
		throw new Error('Running as root, and neither a "postgres" nor a "nobody" user exists');
	return user;
}
