/** Entry of the counter (staff) console. */
// The staff's words, before any element renders.
import '../../ui/i18n/staff';
import './counter-app';
