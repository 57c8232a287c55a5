/** Entry of the administration pages (`/counter/admin/`). */
import './admin-app';
