/**
 * The staff pages' words (the counter console and the administration) added to the catalogues,
 * and the catalogues' lookup: the staff's modules import `translate` and the rest from here, so
 * whatever imports one of them has their words; the hall's pages never load them.
 */
import { addCatalogueParts } from './index';

export * from './index';
import { admin as enAdmin } from './en/admin';
import { adminForms as enAdminForms } from './en/admin-forms';
import { counter as enCounter } from './en/counter';
import { admin as ruAdmin } from './ru/admin';
import { adminForms as ruAdminForms } from './ru/admin-forms';
import { counter as ruCounter } from './ru/counter';
import { admin as tgAdmin } from './tg/admin';
import { adminForms as tgAdminForms } from './tg/admin-forms';
import { counter as tgCounter } from './tg/counter';
import { admin as uzAdmin } from './uz/admin';
import { adminForms as uzAdminForms } from './uz/admin-forms';
import { counter as uzCounter } from './uz/counter';

addCatalogueParts({
  tg: { ...tgCounter, ...tgAdmin, ...tgAdminForms },
  ru: { ...ruCounter, ...ruAdmin, ...ruAdminForms },
  uz: { ...uzCounter, ...uzAdmin, ...uzAdminForms },
  en: { ...enCounter, ...enAdmin, ...enAdminForms },
});
