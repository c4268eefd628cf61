import { FAULT_SCENARIOS } from '../mock/fault-scenarios';

/**
 * What one compare column can be told to answer: the API's errors and the stream faults. Not the
 * recordings, whose answer is another model's and prompt's.
 */
export const COLUMN_SCENARIOS = FAULT_SCENARIOS.filter((s) => s.group !== 'Recordings');
