/** Entry of the counter (staff) console. */
import './counter-app';
