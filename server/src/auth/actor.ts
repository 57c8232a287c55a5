/**
 * Who performs a command: a staff member, a kiosk, a citizen from their own phone (a remote join),
 * or the system itself (day close).
 */
import type { Role } from '../../protocol';

export interface StaffPrincipal {
  id: number;
  username: string;
  role: Role;
  name: string;
  officeCode: string | null;
}

export type Actor =
  | { kind: 'staff'; user: StaffPrincipal }
  | { kind: 'kiosk'; code: string | null }
  | { kind: 'citizen' }
  | { kind: 'system' };

/** The name written into the audit log. */
export function actorName(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return actor.user.username;
    case 'kiosk':
      return actor.code ? `kiosk:${actor.code}` : 'kiosk';
    case 'citizen':
      return 'citizen';
    case 'system':
      return 'system';
  }
}

export function actorUserId(actor: Actor): number | null {
  return actor.kind === 'staff' ? actor.user.id : null;
}
