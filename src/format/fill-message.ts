/**
 * A message of public/_locales with its substitutions filled in, as
 * browser.i18n.getMessage does: $1…$9 are the words, $$ is a dollar sign.
 * For what runs outside an extension (the command-line tools, tests).
 */
export function fillMessage(message: string, words: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, n: string) => (n === '$' ? '$' : (words[Number(n) - 1] ?? '')));
}
