/**
 * The URLs of Segmind's queue, built from the API root alone: the node never follows a URL from
 * an answer (status_url, response_url, poll_url), so the key goes nowhere but the API root.
 */
export const queueUrls = (root: string) => ({
	submit: (model: string) => `${root}/v2/${encodeURIComponent(model)}`,
	status: (requestId: string) => `${root}/v2/requests/${encodeURIComponent(requestId)}/status`,
	result: (requestId: string) => `${root}/v2/requests/${encodeURIComponent(requestId)}`,
});
