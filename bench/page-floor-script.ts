/**
 * What bench/page-floor.ts evaluates in an isolated world of the page:
 * extraction and the scan pipeline's batching, as the content script runs
 * them. Bundled by esbuild, never imported.
 */
import { blocksUnder } from '../overlay/extract';
import { batches } from '../overlay/scan-pipeline';

(globalThis as { __factlensFloor?: unknown }).__factlensFloor = { blocksUnder, batches };
