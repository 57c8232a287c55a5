/**
 * The endpoint table's office-management half (see endpoints.ts): bookings, printers,
 * administration and reports. Zod-free.
 */
import { ep, KIOSK, OFFICE, WINDOW } from './endpoint-def';

export const OfficeEndpoints = {
  // ---- bookings ----
  slots: ep(
    'GET',
    `${OFFICE}/slots`,
    'public',
    'bookings',
    'Free appointment slots of a service between two days',
  ),
  serviceDocuments: ep(
    'GET',
    `${OFFICE}/services/:service/documents`,
    'public',
    'bookings',
    'What to bring: a registry service’s document checklist',
  ),
  createBooking: ep(
    'POST',
    `${OFFICE}/bookings`,
    'public',
    'bookings',
    'Book a slot; a one-time code goes to the phone',
    { status: 201, errors: ['slot_full', 'rate_limited', 'unavailable'] },
  ),
  confirmBooking: ep(
    'POST',
    `${OFFICE}/bookings/:code/confirm`,
    'public',
    'bookings',
    'Confirm a booking with the one-time code',
    { errors: ['slot_full', 'conflict', 'rate_limited'] },
  ),
  cancelBooking: ep(
    'DELETE',
    `${OFFICE}/bookings/:code`,
    'public',
    'bookings',
    'Cancel a booking (the phone it was made with)',
    { errors: ['conflict', 'rate_limited'] },
  ),
  bookingPlans: ep(
    'GET',
    `${OFFICE}/booking-plans`,
    'admin',
    'bookings',
    'Every service’s booking plan',
  ),
  bookingSettings: ep(
    'GET',
    `${OFFICE}/booking-settings`,
    'admin',
    'bookings',
    'The check-in window around each slot’s start',
  ),
  putBookingSettings: ep(
    'PUT',
    `${OFFICE}/booking-settings`,
    'admin',
    'bookings',
    'Change the check-in window',
  ),
  putBookingPlan: ep(
    'PUT',
    `${OFFICE}/services/:service/booking-plan`,
    'admin',
    'bookings',
    'Set or remove (null) a service’s booking plan',
  ),

  // ---- printers ----
  kioskPrinter: ep(
    'GET',
    `${KIOSK}/printer`,
    'public',
    'printers',
    'A kiosk’s printer: kind, whether it answers, jobs waiting',
    { errors: ['conflict'] },
  ),
  testPrint: ep(
    'POST',
    `${KIOSK}/test-print`,
    'admin',
    'printers',
    'Print a sample ticket on a kiosk’s printer',
    { errors: ['conflict', 'unavailable'] },
  ),
  kioskPaper: ep(
    'GET',
    `${KIOSK}/paper`,
    'public',
    'printers',
    'The last sheets of a kiosk’s virtual printer, newest first',
  ),
  kioskPaperPng: ep(
    'GET',
    `${KIOSK}/paper/:index.png`,
    'public',
    'printers',
    'One sheet of the virtual printer as a PNG image',
    { produces: 'image/png' },
  ),

  // ---- administration ----
  adminServices: ep(
    'GET',
    `${OFFICE}/admin/services`,
    'admin',
    'admin',
    'Every service of the office, closed ones included, with documents',
  ),
  createService: ep(
    'POST',
    `${OFFICE}/services`,
    'admin',
    'admin',
    'Add a service (kiosks show it at once)',
    { status: 201, errors: ['conflict'] },
  ),
  updateService: ep(
    'PATCH',
    `${OFFICE}/services/:code`,
    'admin',
    'admin',
    'Rename, close or reopen a service',
    { errors: ['conflict'] },
  ),
  counters: ep(
    'GET',
    `${OFFICE}/counters`,
    'admin',
    'admin',
    'The office’s counters and the services each calls',
  ),
  putCounter: ep('PUT', WINDOW, 'admin', 'admin', 'Set the services a counter calls from now on'),
  users: ep('GET', '/api/users', 'admin', 'admin', 'Staff accounts'),
  createUser: ep('POST', '/api/users', 'admin', 'admin', 'Add a staff account', {
    status: 201,
    errors: ['conflict'],
  }),
  updateUser: ep(
    'PATCH',
    '/api/users/:username',
    'admin',
    'admin',
    'Change role, name, password or disable (its sessions end)',
  ),
  devices: ep('GET', `${OFFICE}/devices`, 'admin', 'admin', 'Kiosks and displays of the office'),
  createDevice: ep('POST', `${OFFICE}/devices`, 'admin', 'admin', 'Register a kiosk or display', {
    status: 201,
    errors: ['conflict'],
  }),
  pairDevice: ep(
    'POST',
    `${OFFICE}/devices/:code/pair`,
    'admin',
    'admin',
    'Pair a device: a new device token (shown once, never cached)',
  ),
  unpairDevice: ep(
    'DELETE',
    `${OFFICE}/devices/:code/pair`,
    'admin',
    'admin',
    'Unpair a device: its token ends',
  ),
  updateDevice: ep(
    'PATCH',
    `${OFFICE}/devices/:code`,
    'admin',
    'admin',
    'Change a device (printer address, …)',
  ),
  settings: ep('GET', `${OFFICE}/settings`, 'admin', 'admin', 'The office’s settings'),
  putSettings: ep('PATCH', `${OFFICE}/settings`, 'admin', 'admin', 'Change the office’s settings'),
  closeDay: ep(
    'POST',
    `${OFFICE}/day/close`,
    'admin',
    'admin',
    'Close the office day: what still waits expires',
  ),

  // ---- reports ----
  reportSummary: ep(
    'GET',
    `${OFFICE}/reports/summary`,
    'admin',
    'reports',
    'Summary between two days (`format=csv`: the same as text/csv)',
  ),
  audit: ep('GET', `${OFFICE}/audit`, 'admin', 'reports', 'The audit log'),
} as const;
