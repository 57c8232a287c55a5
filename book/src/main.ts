/** The public booking page `/book/?office=kulob`: a phone on a slow connection books a time. */
import './book-app';
