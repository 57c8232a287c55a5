/** Tajik catalogue (Cyrillic, with the Tajik letters ғ ӣ қ ӯ ҳ ҷ). The default language. One file per page, the same parts as the English catalogue. */
import type { Messages } from '../messages';
import { common } from './common';
import { kiosk } from './kiosk';
import { display } from './display';
import { counter } from './counter';
import { admin } from './admin';
import { adminForms } from './admin-forms';

export const tg: Messages = {
  ...common,
  ...kiosk,
  ...display,
  ...counter,
  ...admin,
  ...adminForms,
};
