// Directives for media runs and PixelFlows: one run fault (as chat has) plus any number of
// download faults, which the files of that run carry to GET /files/<name>.
import { DIRECTIVES } from './faults';
import type { Directive } from './types';

export const DOWNLOAD_DIRECTIVES = [
	'download-500-once',
	'download-reset',
	'download-slow',
	'download-404',
	'download-redirect',
	'download-redirect-foreign',
	'no-content-type',
	'content-disposition',
] as const;

export type DownloadDirective = (typeof DOWNLOAD_DIRECTIVES)[number];

/** How a run's files are served. */
export interface DownloadFaults {
	directives: DownloadDirective[];
	/** `huge:<N>` or `huge-no-length:<N>`: the files are N MiB, made while streaming. */
	hugeMiB?: number;
	/** `huge-no-length:<N>`: ... and sent without Content-Length. */
	hugeNoLength?: boolean;
}

/** The largest `huge:<N>`, in MiB. */
export const MAX_HUGE_MIB = 4096;

/** Run directives a media model or PixelFlow takes: chat's, less `nonjson` (no reply text). */
export const MEDIA_RUN_DIRECTIVES: Directive[] = DIRECTIVES.filter((name) => name !== 'nonjson');

export interface MediaDirectives {
	/** The first run directive found, if any. */
	run?: Directive;
	download: DownloadFaults;
	error?: string;
}

const known = () =>
	[...MEDIA_RUN_DIRECTIVES, ...DOWNLOAD_DIRECTIVES, 'huge:<MiB>', 'huge-no-length:<MiB>'].join(
		', ',
	);

/** Every `#emulate:<name>` in the texts; an unknown name is an error (400). */
export function parseMediaDirectives(texts: string[]): MediaDirectives {
	const found: MediaDirectives = { download: { directives: [] } };
	for (const text of texts) {
		for (const match of text.matchAll(/#emulate:([\w-]+)(?::(\S*))?/g)) {
			const [, name, argument] = match;
			if (name === 'huge' || name === 'huge-no-length') {
				const mib = Number(argument);
				if (!Number.isInteger(mib) || mib < 1 || mib > MAX_HUGE_MIB) {
					return {
						...found,
						error: `#emulate:${name}:<MiB> needs a whole number of MiB from 1 to ${MAX_HUGE_MIB}`,
					};
				}
				found.download.hugeMiB = mib;
				found.download.hugeNoLength = name === 'huge-no-length';
			} else if (
				argument === undefined &&
				DOWNLOAD_DIRECTIVES.includes(name as DownloadDirective)
			) {
				found.download.directives.push(name as DownloadDirective);
			} else if (argument === undefined && MEDIA_RUN_DIRECTIVES.includes(name as Directive)) {
				found.run ??= name as Directive;
			} else {
				return {
					...found,
					error: `Unknown emulator directive #emulate:${match[0].slice('#emulate:'.length)} for a media model (known: ${known()})`,
				};
			}
		}
	}
	return found;
}
