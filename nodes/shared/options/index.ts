// The Options every node shows, and how a run reads them.
export { optionsCollectionOf } from './collection';
export {
	binaryPropertyOutputOption,
	downloadFromOption,
	downloadOutputsOption,
	fileOptions,
	maxFileSizeMiB,
	maxFileSizeOption,
	readFileSettings,
	type FileSettings,
} from './fileOptions';
export {
	apiFormatOption,
	extraBodyOption,
	maxTokensOption,
	modelOption,
	temperatureOption,
} from './modelOptions';
export {
	apiErrorsOption,
	concurrencyOption,
	maxRetriesOption,
	MIN_POLL_INTERVAL_MS,
	pollIntervalOption,
	rateLimitWaitOption,
	requestModeOption,
	requestOptions,
	requestsPerMinuteOption,
	timeoutOption,
} from './requestOptions';
