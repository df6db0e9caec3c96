// POST /v1/{slug} and the checks POST /v2/{slug} shares: Segmind's order, then a fault or the echo reply.
import type { Account } from './accounts';
import type { RequestBody } from './body';
import { parseChat } from './chatRequest';
import { echo, echoLine } from './echo';
import { parseDirective, type FaultPicker } from './faults';
import { replyText } from './jsonReply';
import { familyOf } from './models';
import {
	htmlPage,
	isPlan,
	json,
	jsonError,
	methodNotAllowed,
	rateLimited,
	unauthorized,
	type Plan,
} from './plan';
import { openaiToolCall, SHAPES } from './shapes';
import { toolCallFor } from './tools';
import type { Directive, RuntimeOptions } from './types';

export interface ChatContext {
	method: string;
	slug: string;
	account: Account | undefined;
	keyGiven: boolean;
	contentType: string | undefined;
	body: RequestBody;
	seq: number;
	now: number;
	options: RuntimeOptions;
	faults: FaultPicker;
}

/** The answer for a fault that does not produce a normal reply; undefined for 'slow', 'malformed' and 'nonjson'. */
export function faultPlan(fault: Directive, now: number): Plan | undefined {
	switch (fault) {
		case '500':
			return jsonError(500, 'Internal server error', { fault });
		case '502':
			return htmlPage(502, 'Bad Gateway', { fault });
		case '503':
			return jsonError(503, 'Service temporarily unavailable', { fault });
		case 'html500':
			return htmlPage(500, 'Internal Server Error', { fault });
		case 'empty500':
			return { action: 'answer', status: 500, body: '', fault };
		case '429':
			return rateLimited(now + 1000, fault);
		case 'reset':
			return { action: 'reset', fault };
		case 'hang':
			return { action: 'hang', fault };
		default:
			return undefined;
	}
}

/** A chat request that passed every check, with the fault it drew (if any) and its reply. */
export interface AcceptedChat {
	account: Account;
	fault?: Directive;
	/** The reply in the model family's own shape. */
	reply: object;
}

/**
 * The checks every POST that runs a model (chat, media, PixelFlow) opens with, in Segmind's
 * order: 405, 401, 429 (the key's window), then 410 when `slug` is given and retired. A Plan when
 * the request ends there, else the caller's account.
 */
export function admitRun(
	ctx: Pick<ChatContext, 'method' | 'account' | 'keyGiven' | 'now' | 'options'>,
	slug?: string,
): Plan | { account: Account } {
	const { account, options } = ctx;
	if (ctx.method !== 'POST') return methodNotAllowed();
	if (!account) return unauthorized(ctx.keyGiven);
	const resetAt = account.admit(ctx.now, options.rateLimitWindowMs);
	if (resetAt !== undefined) return rateLimited(resetAt);
	if (slug !== undefined && options.retiredModels.includes(slug)) {
		return jsonError(410, `The model ${slug} has been retired`);
	}
	return { account };
}

/**
 * The checks both chat paths share, in Segmind's order, then the fault: a Plan when the request
 * ends there (a failure, or a fault with no normal reply), else the accepted request.
 */
export function checkChat(ctx: ChatContext): Plan | AcceptedChat {
	const admitted = admitRun(ctx, ctx.slug);
	if (isPlan(admitted)) return admitted;
	const { account } = admitted;
	const { options } = ctx;
	const family = familyOf(ctx.slug);
	if (!family) return jsonError(404, `Model ${ctx.slug} not found`);

	const parsed = parseChat(ctx.contentType, ctx.body, family);
	if ('error' in parsed) return jsonError(parsed.status, parsed.error);
	const { turns, maxTokens, responseFormat, tools } = parsed.request;
	const directive = parseDirective(turns[turns.length - 1].text);
	if (directive.error) return jsonError(400, directive.error);
	if (account.balance < options.costPerRequest) return jsonError(406, 'Not enough credits');

	const fault = directive.directive ?? ctx.faults.pick();
	const failed = fault && faultPlan(fault, ctx.now);
	if (failed) return failed;
	const line = echoLine(ctx.slug, turns);
	// 'nonjson': a 200 whose reply is not the JSON a response_format asked for.
	const text = fault === 'nonjson' ? `Here you go: ${line}` : replyText(line, responseFormat);
	const answer = echo(text, turns, maxTokens);
	// Tools are answered in the OpenAI format only, and not at all when the gateway drops them.
	const call = tools && !options.dropTools ? toolCallFor(tools, turns, ctx.seq) : undefined;
	const reply = call
		? openaiToolCall(ctx.slug, call, answer, ctx.seq)
		: SHAPES[family](ctx.slug, answer, ctx.seq);
	return { account, fault, reply };
}

/** POST /v1/{slug}: the answer itself, billed. */
export function planChat(ctx: ChatContext): Plan {
	const checked = checkChat(ctx);
	if (isPlan(checked)) return checked;
	const { account, fault, reply } = checked;
	// Segmind bills every 200, even one the client cannot read.
	const charge = account.charge(ctx.options.costPerRequest);
	if (fault === 'malformed') {
		return {
			action: 'answer',
			status: 200,
			contentType: 'application/json',
			body: '{"choices":[{"message":',
			charge,
			fault,
		};
	}
	return json(200, reply, {
		charge,
		fault,
		extraDelayMs: fault === 'slow' ? ctx.faults.slowMs : undefined,
	});
}
