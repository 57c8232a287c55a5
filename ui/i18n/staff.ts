/**
 * The staff pages' words (the counter console and the administration) added to the catalogues,
 * and the catalogues' lookup: the staff's modules import `translate` and the rest from here, so
 * whatever imports one of them has their words; the hall's pages never load them.
 */
import { addCatalogueParts } from './index';

export * from './index';
import { admin as enAdmin } from './en/admin';
import { counter as enCounter } from './en/counter';
import { admin as ruAdmin } from './ru/admin';
import { counter as ruCounter } from './ru/counter';
import { admin as tgAdmin } from './tg/admin';
import { counter as tgCounter } from './tg/counter';
import { admin as uzAdmin } from './uz/admin';
import { counter as uzCounter } from './uz/counter';

addCatalogueParts({
  tg: { ...tgCounter, ...tgAdmin },
  ru: { ...ruCounter, ...ruAdmin },
  uz: { ...uzCounter, ...uzAdmin },
  en: { ...enCounter, ...enAdmin },
});
