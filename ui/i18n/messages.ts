import type { en } from './en';

/** Every message key; a catalogue that lacks one (or has an extra one) does not compile. */
export type Messages = { readonly [K in keyof typeof en]: string };
/** A key of the catalogue. */
export type MessageKey = keyof Messages;
