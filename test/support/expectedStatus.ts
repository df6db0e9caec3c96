// The status fields an item carries for answers several test layers (nock, engine, real n8n)
// check alike: kept once, so they cannot drift apart.

/** A 406 from an account with no credits left (the API's body says "Not enough credits"). */
export const NOT_ENOUGH_CREDITS = {
	success: false,
	statusCode: 406,
	status: 'insufficient_credits',
	statusMessage: 'Not enough credits',
	remainingCredits: 0,
	error: 'Not enough credits',
};

/** Nothing listens on 127.0.0.1:1: the connection is refused before anything is sent. */
export const REFUSED_ON_PORT_1 = {
	success: false,
	statusCode: null,
	status: 'network_error',
	statusMessage: 'The connection to the API failed',
	remainingCredits: null,
	error: 'connect ECONNREFUSED 127.0.0.1:1',
};

/** Get Remaining Credits for the emulator's account without a balance record (404). */
export const NO_BALANCE_RECORD_CREDITS = {
	credits: null,
	freeCredits: null,
	totalCredits: null,
	success: false,
	statusCode: 404,
	status: 'not_found',
	statusMessage: 'The requested URL does not exist',
	remainingCredits: 10,
	error: 'No credits found for the user',
};
