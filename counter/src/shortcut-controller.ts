/** Keyboard shortcuts of the console, read from physical keys anywhere on the page. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { COMMANDS, type CounterCommand } from './commands';

const TEXT_FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const ACTIVATABLE = new Set(['BUTTON', 'A', 'SUMMARY']);

/** Calls `onCommand` when a command's key is pressed outside text fields. */
export class ShortcutController implements ReactiveController {
  /** Shortcuts work only while this is true (e.g. while the panel is shown and idle). */
  enabled = true;
  private readonly onCommand: (command: CounterCommand) => void;
  private readonly listener = (event: KeyboardEvent): void => this.onKeyDown(event);

  constructor(host: ReactiveControllerHost, onCommand: (command: CounterCommand) => void) {
    this.onCommand = onCommand;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.listener);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.listener);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (!this.enabled || event.defaultPrevented || event.repeat) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const spec = COMMANDS.find((c) => c.codes.includes(event.code));
    if (!spec) return;
    const origin = event.composedPath()[0];
    if (origin instanceof HTMLElement) {
      if (TEXT_FIELDS.has(origin.tagName) || origin.isContentEditable) return;
      // Enter on a button reached with the keyboard presses that button, as everywhere else.
      const isEnter = event.code === 'Enter' || event.code === 'NumpadEnter';
      if (isEnter && ACTIVATABLE.has(origin.tagName) && origin.matches(':focus-visible')) return;
    }
    event.preventDefault();
    this.onCommand(spec.command);
  }
}
