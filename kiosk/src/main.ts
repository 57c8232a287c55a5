/** Entry of the ticket kiosk page. */
import './kiosk-app';
