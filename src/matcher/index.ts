export { buildDictionary, type Dictionary, type Pattern } from './dictionary';
export { contextualConfirmed, namedEntities, scanPage } from './resolve';
export { scan, type ContextualFilter, type Match } from './scan';
