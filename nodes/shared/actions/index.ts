// Operations more than one node has.
export { creditsOutput, getCredits, type CreditsOutput } from './account/getCredits.operation';
