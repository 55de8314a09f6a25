import { jsonPath, problem, type Problem, type ProblemCode, type ProblemParam, type ProblemText } from './problem';
import type { z } from './z';

/** A schema's own message is a problem code (schema.ts), with its words in `params.words`; zod's are English sentences. */
export function isProblemCode(message: string): message is ProblemCode {
  return /^problem[A-Z]\w*$/.test(message);
}

/**
 * What a zod issue means, as a problem code: the schema's own code when it
 * gave one, else one for the kind of issue. Parse with `reportInput: true`,
 * so a missing field can be told from one of the wrong type.
 */
export function issueProblem(issue: z.core.$ZodIssue): ProblemText {
  if (isProblemCode(issue.message)) {
    const words: unknown = issue.code === 'custom' ? issue.params?.words : undefined;
    return { code: issue.message, params: Array.isArray(words) ? (words as ProblemParam[]) : [] };
  }
  switch (issue.code) {
    case 'invalid_type':
      if ('input' in issue && issue.input === undefined) return problem('problemMissing');
      return issue.expected === 'int' ? problem('problemWholeNumber') : problem('problemType', issue.expected);
    case 'too_big':
      if (issue.origin === 'string') return problem('problemTooLong', Number(issue.maximum));
      if (issue.origin === 'array') return problem('problemTooMany', Number(issue.maximum));
      return problem('problemTooBig', Number(issue.maximum));
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return problem('problemEmpty');
      if (issue.origin === 'array') return problem('problemTooFew', Number(issue.minimum));
      return problem('problemTooSmall', Number(issue.minimum));
    case 'unrecognized_keys':
      return problem('problemUnknownKeys', issue.keys.map((k) => JSON.stringify(k)).join(', '));
    case 'invalid_value':
      return problem('problemOneOf', issue.values.map((v) => JSON.stringify(v)).join(', '));
    default:
      return problem('problemInvalid');
  }
}

/** Every issue of a failed parse, located by its JSON path. */
export function issueProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), ...issueProblem(issue) }));
}
