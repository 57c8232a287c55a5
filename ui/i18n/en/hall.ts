/** The English parts every page loads (ui/i18n/index.ts); the staff's are in ui/i18n/staff.ts. */
export { common } from './common';
export { kiosk } from './kiosk';
export { display } from './display';
