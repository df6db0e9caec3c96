// Segmind's API as every node of the package reaches it: one client per run.
export { Deadline } from './deadline';
export {
	hostRefusal,
	type DownloadFailure,
	type DownloadFrom,
	type DownloadLimits,
	type DownloadOutcome,
	type FileStream,
	type StoreDownload,
} from './download';
export {
	isSuccess,
	parseBody,
	readErrorText,
	readRemainingCredits,
	statusOf,
	statusOutputOf,
	type StatusFields,
	type StatusOutput,
} from './outcome';
export { isFileAnswer } from './mediaBody';
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
export {
	describeNoAnswer,
	timedOut,
	type ApiAnswer,
	type ApiOutcome,
	type ApiRequest,
	type NoAnswer,
	type RequestContext,
} from './request';
export {
	backoffMs,
	isRetried,
	rateLimitResetAt,
	resetWaitMs,
	retryDelayMs,
	RetryBudget,
	UnbilledRetries,
	type RetryPolicy,
} from './send';
export { SegmindClient, type ClientSettings } from './SegmindClient';
export { isLoopbackHost, LOOPBACK_HOST_PATTERN, SegmindUrls, urlsOf } from './urls';
