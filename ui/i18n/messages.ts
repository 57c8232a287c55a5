import type { en } from './en';

/** A catalogue part with the same keys as the English `T`, each a string. */
export type MessagesLike<T> = { readonly [K in keyof T]: string };
/** Every message key; a catalogue that lacks one (or has an extra one) does not compile. */
export type Messages = MessagesLike<typeof en>;
/** A key of the catalogue. */
export type MessageKey = keyof Messages;
