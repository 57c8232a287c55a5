/** Entry of the hall display page. */
import './display-app';
