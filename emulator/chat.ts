// POST /v1/{slug}: the checks in Segmind's order, then a fault or the echo reply.
import type { Account } from './accounts';
import type { RequestBody } from './body';
import { parseChat } from './chatRequest';
import { echo } from './echo';
import { parseDirective, type FaultPicker } from './faults';
import { familyOf } from './models';
import {
	htmlPage,
	json,
	jsonError,
	methodNotAllowed,
	unauthorized,
	type Answer,
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

const rateLimited = (resetAt: number, fault?: Directive): Answer =>
	jsonError(429, 'Too many requests', {
		headers: { 'x-rate-limit-reset-at-utc': new Date(resetAt).toISOString() },
		fault,
	});

/** The answer for a fault that does not produce a normal reply, undefined for 'slow' and 'malformed'. */
function faultPlan(fault: Directive, now: number): Plan | undefined {
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

export function planChat(ctx: ChatContext): Plan {
	const { account, options } = ctx;
	if (ctx.method !== 'POST') return methodNotAllowed();
	if (!account) return unauthorized(ctx.keyGiven);
	const resetAt = account.admit(ctx.now, options.rateLimitWindowMs);
	if (resetAt !== undefined) return rateLimited(resetAt);
	if (options.retiredModels.includes(ctx.slug)) {
		return jsonError(410, `The model ${ctx.slug} has been retired`);
	}
	const family = familyOf(ctx.slug);
	if (!family) return jsonError(404, `Model ${ctx.slug} not found`);

	const parsed = parseChat(ctx.contentType, ctx.body);
	if ('error' in parsed) return jsonError(parsed.status, parsed.error);
	const { messages, maxTokens, tools } = parsed.request;
	const directive = parseDirective(messages[messages.length - 1].content);
	if (directive.error) return jsonError(400, directive.error);
	if (account.balance < options.costPerRequest) return jsonError(406, 'Not enough credits');

	const fault = directive.directive ?? ctx.faults.pick();
	const failed = fault && faultPlan(fault, ctx.now);
	if (failed) return failed;
	// Segmind bills every 200, even one the client cannot read.
	const charge = account.charge(options.costPerRequest);
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
	const reply = echo(ctx.slug, messages, maxTokens);
	// Tools are answered in the OpenAI format only, and not at all when the gateway drops them.
	const call =
		family === 'openai' && tools && !options.dropTools
			? toolCallFor(tools, messages, ctx.seq)
			: undefined;
	const body = call
		? openaiToolCall(ctx.slug, call, reply, ctx.seq)
		: SHAPES[family](ctx.slug, reply, ctx.seq);
	return json(200, body, {
		charge,
		fault,
		extraDelayMs: fault === 'slow' ? ctx.faults.slowMs : undefined,
	});
}
