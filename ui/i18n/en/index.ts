/**
 * English catalogue, one file per page. Its keys define {@link Messages}; every other catalogue
 * must have exactly these, part by part. Placeholders are written `{name}` and filled by `translate`.
 */
import { common } from './common';
import { kiosk } from './kiosk';
import { display } from './display';
import { counter } from './counter';
import { admin } from './admin';
import { adminForms } from './admin-forms';

export const en = { ...common, ...kiosk, ...display, ...counter, ...admin, ...adminForms };
