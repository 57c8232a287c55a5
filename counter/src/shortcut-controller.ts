/**
 * Keyboard shortcuts of the console, read from physical keys anywhere on the page. A key does what
 * its label says in every focus state: Enter is "complete and call next" even when a button has the
 * focus (Space presses a focused button); only text fields and open dialogs keep their keys.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { COMMANDS, type CounterCommand } from './commands';

const TEXT_FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

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
    const path = event.composedPath();
    const origin = path[0];
    if (origin instanceof HTMLElement) {
      if (TEXT_FIELDS.has(origin.tagName) || origin.isContentEditable) return;
    }
    // A question on screen (transfer, pause, "are you sure?") has the keyboard to itself.
    if (path.some((el) => el instanceof HTMLDialogElement && el.open)) return;
    event.preventDefault();
    this.onCommand(spec.command);
  }
}
