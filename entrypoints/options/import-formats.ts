import type { LineFormat } from './import-plan';

/** The line-based formats, each detected from a file's first bytes (src/import/ owns the detection). */
export const LINE_FORMATS: readonly LineFormat[] = [];
