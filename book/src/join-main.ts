/** The public remote-join page `/join/?office=kulob`: today's ticket from the phone. */
import './join-app';
