import { DATASET_FORMAT } from './schema';

/** The first public format. Every version 1 file is a valid version 2 file once relabelled. */
const FORMAT_V1 = 'factlens-dataset/1';

/**
 * Brings a parsed file of an older format version up to the current one, so
 * that validation and everything after it know only one version. Anything
 * else is returned as it is, for validation to judge.
 */
export function upgradeDataset(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const file = input as Record<string, unknown>;
  // Version 2 only added optional fields and relaxed evidence, so version 1 needs no other change.
  if (file.format === FORMAT_V1) return { ...file, format: DATASET_FORMAT };
  return input;
}
