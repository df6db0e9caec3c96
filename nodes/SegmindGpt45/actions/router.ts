import { getCredits } from '../../shared/actions';
import { routerOf } from '../../shared/pipeline';
import { message } from './chat/message.operation';
import { getResult } from './queue/getResult.operation';

// Adding an operation is its file and one entry here; the first is the default.
export const router = routerOf([message, getCredits, getResult], { options: 'shared' });
