// Segmind's API as every node of the package reaches it: one client per run.
export { Deadline } from './deadline';
export {
	isSuccess,
	parseBody,
	readErrorText,
	readRemainingCredits,
	timedOut,
	type ApiAnswer,
	type ApiOutcome,
	type NoAnswer,
} from './outcome';
export { Pacer } from './pacer';
export { nextTurn, pause } from './pause';
export {
	MODEL_FAILED,
	NO_REQUEST_ID,
	PIXELFLOW_FAILED,
	queuedStatus,
	type QueueFailure,
	type QueuedResult,
	type QueueRoutes,
} from './queue';
export {
	forgetPlanGates,
	PAUSE_SPREAD,
	planGate,
	RateLimitGate,
	type GateTicket,
} from './rateLimitGate';
export { describeNoAnswer, type ApiRequest, type RequestContext } from './request';
export {
	backoffMs,
	isRetried,
	rateLimitResetAt,
	resetWaitMs,
	retryDelayMs,
	RetryBudget,
	UnbilledRetries,
	type RetryPolicy,
} from './retryPolicy';
export { SegmindClient, type ClientSettings } from './SegmindClient';
export { isLoopbackHost, LOOPBACK_HOST_PATTERN, SegmindUrls, urlsOf } from './urls';
