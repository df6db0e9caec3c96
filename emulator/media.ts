// POST /v1/{slug} and POST /v2/{slug} for the generative media models: the checks chat has
// (where they apply), the model's own parameters, its input images, then a file, several
// files, JSON or text. v1 answers the file itself; v2 answers it as a URL under /files/.
import type { Account } from './accounts';
import { readJsonObject } from './body';
import { admitRun, faultPlan, type ChatContext } from './chat';
import { parseMediaDirectives, type DownloadFaults } from './downloads';
import { describeFile, fileUrl, hugeBody, MIB, type FileStore, type StoredFile } from './files';
import { readImage, type InputContext, type InputImage } from './mediaInputs';
import type { MediaModel, MediaOutput } from './mediaModels';
import { isPlan, json, jsonError, type Answer, type Plan } from './plan';
import type { RequestQueue } from './queue';
import { enqueue, v2Submitted } from './queueApi';
import type { Directive } from './types';

export interface MediaContext extends ChatContext {
	model: MediaModel;
	/** The host the client called, e.g. http://127.0.0.1:4010: file URLs use it. */
	origin: string;
	files: FileStore;
	inputs: InputContext;
}

interface AcceptedMedia {
	account: Account;
	fault?: Directive;
	output: MediaOutput;
	download: DownloadFaults;
}

/** The input images the model reads, in order; a string is the 400 error text. */
async function readInputs(
	ctx: MediaContext,
	params: Record<string, unknown>,
): Promise<InputImage[] | string> {
	const spec = ctx.model.imageInputs;
	if (!spec) return [];
	const present = spec.params.filter((name) => params[name] !== undefined && params[name] !== null);
	if (present.length === 0) {
		return `${spec.params.map((name) => `"${name}"`).join(' or ')} is required`;
	}
	const name = present[0];
	const value = params[name];
	if (spec.array) {
		if (!Array.isArray(value) || value.length === 0 || value.length > spec.array.max) {
			return `"${name}" must be an array of 1 to ${spec.array.max} images`;
		}
		const images: InputImage[] = [];
		for (const [index, item] of value.entries()) {
			const image = await readImage(`"${name}[${index}]"`, item, ctx.inputs);
			if (typeof image === 'string') return image;
			images.push(image);
		}
		return images;
	}
	const image = await readImage(`"${name}"`, value, ctx.inputs);
	return typeof image === 'string' ? image : [image];
}

/** The checks in Segmind's order, the model's parameters and inputs, then the fault. */
async function checkMedia(ctx: MediaContext): Promise<Plan | AcceptedMedia> {
	const admitted = admitRun(ctx, ctx.slug);
	if (isPlan(admitted)) return admitted;
	const { account } = admitted;
	const { options } = ctx;
	const read = readJsonObject(ctx.contentType, ctx.body);
	if ('error' in read) return jsonError(read.status, read.error);
	const params = read.value;
	const { prompt } = params;
	if (typeof prompt !== 'string' || prompt.trim() === '') {
		return jsonError(400, '"prompt" is required and must be a non-empty string');
	}
	if (params.seed !== undefined && !Number.isInteger(params.seed)) {
		return jsonError(400, '"seed" must be an integer');
	}
	const paramError = ctx.model.check?.(params);
	if (paramError) return jsonError(400, paramError);
	const directives = parseMediaDirectives([prompt]);
	if (directives.error) return jsonError(400, directives.error);
	const images = await readInputs(ctx, params);
	if (typeof images === 'string') return jsonError(400, images);
	if (account.balance < options.costPerRequest) return jsonError(406, 'Not enough credits');

	const fault = directives.run ?? ctx.faults.pick();
	const failed = fault && faultPlan(fault, ctx.now);
	if (failed) return failed;
	const output = ctx.model.produce({ slug: ctx.slug, prompt, params, images });
	return { account, fault, output, download: directives.download };
}

/** Stores the output's files (once) for a run that started at `createdAt`. */
function storeFiles(ctx: MediaContext, accepted: AcceptedMedia, createdAt: number): StoredFile[] {
	const { output, download } = accepted;
	const contents =
		output.type === 'file' ? [output.file] : output.type === 'files' ? output.files : [];
	return contents.map((content, index) =>
		ctx.files.add(
			content,
			download,
			`${ctx.slug}-output${contents.length > 1 ? `-${index + 1}` : ''}`,
			createdAt,
		),
	);
}

/** A 200 cut short: half of the body, as a broken download would leave it. */
const truncated = (answer: Answer): Answer => {
	const body = Buffer.from(answer.body);
	return { ...answer, body: body.subarray(0, Math.floor(body.length / 2)) };
};

/** POST /v1/{slug} for a media model: the file itself, or JSON or text; billed per 200. */
export async function planMedia(ctx: MediaContext): Promise<Plan> {
	const checked = await checkMedia(ctx);
	if (isPlan(checked)) return checked;
	const { account, fault, output } = checked;
	const charge = account.charge(ctx.options.costPerRequest);
	let answer: Answer;
	switch (output.type) {
		case 'file': {
			const { hugeMiB, hugeNoLength } = checked.download;
			answer =
				hugeMiB === undefined
					? {
							action: 'answer',
							status: 200,
							contentType: output.file.contentType,
							body: output.file.body,
						}
					: {
							action: 'answer',
							status: 200,
							contentType: 'image/png',
							body: '',
							streamed: {
								size: hugeMiB * MIB,
								withLength: !hugeNoLength,
								pieces: () => hugeBody(hugeMiB * MIB),
							},
						};
			break;
		}
		case 'files': {
			const files = storeFiles(ctx, checked, ctx.now);
			answer = json(200, {
				images: files.map((file) => describeFile(ctx.origin, file)),
				...output.extra,
			});
			break;
		}
		case 'json':
			answer = json(200, output.value);
			break;
		case 'text':
			answer = {
				action: 'answer',
				status: 200,
				contentType: 'text/plain; charset=utf-8',
				body: output.text,
			};
			break;
	}
	if (fault === 'malformed') answer = truncated(answer);
	return {
		...answer,
		charge,
		fault,
		extraDelayMs: fault === 'slow' ? ctx.faults.slowMs : undefined,
	};
}

/** The fields a media run's v2 result adds beside status and metrics. */
function resultFields(ctx: MediaContext, accepted: AcceptedMedia, submittedAt: number) {
	let files: StoredFile[] | undefined;
	return (origin: string): Record<string, unknown> => {
		const { output } = accepted;
		files ??= storeFiles(ctx, accepted, submittedAt);
		switch (output.type) {
			case 'file':
				return { output: fileUrl(origin, files[0]) };
			case 'files':
				return {
					output: fileUrl(origin, files[0]),
					images: files.map((file) => describeFile(origin, file)),
					...output.extra,
				};
			case 'json':
				return { output: JSON.stringify(output.value) };
			case 'text':
				return { output: output.text };
		}
	};
}

/** POST /v2/{slug} for a media model: the same checks, then queued; charged once when complete. */
export async function planMediaSubmit(
	ctx: MediaContext,
	queue: RequestQueue,
): Promise<Plan & { requestId?: string }> {
	const checked = await checkMedia(ctx);
	if (isPlan(checked)) return checked;
	const { account, fault } = checked;
	return enqueue(
		queue,
		{
			slug: ctx.slug,
			account,
			submitSeq: ctx.seq,
			result: resultFields(ctx, checked, ctx.now),
		},
		fault,
		ctx,
		v2Submitted(ctx.origin),
	);
}
