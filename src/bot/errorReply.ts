/**
 * The one place where an error becomes what the citizen reads: an input problem gets its own explanation,
 * anything else a short apology with the 1300 hotline and the menu. Never silence.
 */
import { UserInputError } from '../errors';
import type { Locale } from '../i18n';
import type { Say } from '../engine/types';
import { menuChoices, withMenu } from './says';

export function errorSays(err: unknown, locale: Locale): Say[] {
  if (err instanceof UserInputError) {
    return [{ kind: 'text', text: { key: err.messageKey as never, params: err.params }, choices: menuChoices(locale) }];
  }
  return [withMenu('error.generic', locale)];
}
