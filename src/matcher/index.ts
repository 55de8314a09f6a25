export { buildDictionary, type Dictionary, type Pattern } from './dictionary';
export { scan, type Match } from './scan';
export { resolveContextual } from './contextual';
