export { scanCandidates, scanPage, withKeys } from './candidates';
export { buildDictionary, type Dictionary, type Pattern } from './dictionary';
export { scan, type ContextualFilter, type Match } from './scan';
