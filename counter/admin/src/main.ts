/** Entry of the administration pages (`/counter/admin/`). */
// The staff's words, before any element renders.
import '../../../ui/i18n/staff';
import './admin-app';
