/** Defaults shared by the bench processes. */
export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';
export const OFFICE = 'kulob';
/** The demo office's services (kiosk codes). */
export const SERVICES = [
  'birth',
  'marriage',
  'divorce',
  'death',
  'paternity',
  'name_change',
  'certificate',
  'amendment',
  'pickup',
  'consultation',
] as const;
