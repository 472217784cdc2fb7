/** Every conversation flow the bot can run, by id. */
import type { Flow } from '../src/engine/types';
import type { MessageKey } from '../src/i18n';
import { requestHelpFlow } from './requestHelp';

export const flows: Record<string, Flow<any>> = {
  [requestHelpFlow.id]: requestHelpFlow,
};

/** The menu name of each flow (for "you were in the middle of …"). */
export const flowTitles: Record<string, MessageKey> = {
  requestHelp: 'menu.requestHelp',
};

/** What the bot says before a flow's first question. */
export const flowIntros: Record<string, MessageKey> = {
  requestHelp: 'help.start',
};
