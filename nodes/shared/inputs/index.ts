// Files from the item's binary data as request inputs: the Input Files rows of Run a Model and
// Run a PixelFlow, and the storage upload that Upload a File makes too.
export {
	applyBinaryInputs,
	resolveBinaryInputs,
	type AppliedInputs,
	type FailedUpload,
	type FileAccess,
} from './apply';
export { placeInputValues, type Placement } from './body';
export { binaryInputsField, type SendAs } from './field';
export {
	binaryPropertyNames,
	checkInputFile,
	dataUriOf,
	knownSize,
	mebibytes,
	readFileBase64,
	type InputFile,
} from './files';
export { inputMimeType } from './mimeType';
export { readBinaryInputs, type BinaryInputs, type InputRow } from './rows';
export { readFileUrls, uploadDataUris, uploadResultOf, type UploadResult } from './upload';
