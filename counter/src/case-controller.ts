/**
 * The case open at the window: loads it, keeps the clerk's form, saves edits a moment after typing
 * stops (PATCH with the version it saw) and runs transitions. A save refused as `stale_version`
 * freezes the form until the clerk reloads: nothing anyone typed is overwritten.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Case, CaseNotify, CaseStatus, CaseType } from '../../server/protocol';
import { ErrorCode } from '../../server/protocol/constants';
import { ApiError, NETWORK_ERROR } from '../../ui/api';
import { RequestController } from '../../ui/controllers/request-controller';
import { toShownError, type ShownError } from '../../ui/errors';
import {
  buildPatch,
  formOf,
  isBlank,
  type CaseForm,
  type FieldIssues,
  type FormSection,
} from './case-form';
import { createCase, getCase, patchCase, transitionCase, confirmIdentity } from './console-api';
import { loadCaseDraft, saveCaseDraft } from './session';

const SAVE_DELAY_MS = 800;

/** Where the form stands with the server. */
export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'conflict';

/** State and commands of the case beside the current ticket. */
export class CaseController implements ReactiveController {
  /** The case as the server last answered it. */
  case: Case | undefined;
  /** What the clerk sees and types. */
  form: CaseForm | undefined;
  /** Fields that keep their section from being saved, field path → message. */
  issues: FieldIssues = {};
  save: SaveState = 'idle';
  /** The last refusal of a command (not a save conflict: see `save`). */
  get error(): ShownError | undefined {
    return this.requests.error;
  }
  set error(error: ShownError | undefined) {
    this.requests.error = error;
  }
  /** True while loading or running a transition. */
  get busy(): boolean {
    return this.requests.busy;
  }
  /** The ticket this case view belongs to. */
  ticketId: string | undefined;
  /** Typing the server has not taken (yet, or at all: a marked field), of the case shown. */
  get unsaved(): boolean {
    return this.case !== undefined && this.dirty.size > 0;
  }

  private readonly host: ReactiveControllerHost;
  private readonly token: () => string | undefined;
  private readonly requests: RequestController;
  private readonly dirty = new Set<FormSection>();
  private readonly typedDuringSave = new Set<FormSection>();
  private timer?: ReturnType<typeof setTimeout>;
  private saving?: Promise<void>;
  /** Saves failed in a row for want of a connection (the next waits longer, up to 10 s). */
  private retries = 0;

  constructor(host: ReactiveControllerHost, token: () => string | undefined) {
    this.host = host;
    this.token = token;
    // Loading, creating and transitions: a change seen meanwhile is applied once each is answered.
    this.requests = new RequestController(host, {
      exclusive: false,
      onSettled: () => this.settleRemote(),
    });
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.onPageHide);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    window.removeEventListener('pagehide', this.onPageHide);
  }

  /**
   * The page goes away (a reload, the tab closed) with typing not yet saved: it is sent now, in a
   * request the browser finishes after the page is gone, so no edit of the last moment is lost.
   */
  private readonly onPageHide = (): void => {
    const c = this.case;
    const token = this.token();
    if (!c || !this.form || !token || this.dirty.size === 0 || this.save === 'conflict') return;
    clearTimeout(this.timer);
    const form = this.form;
    const { patch } = buildPatch(c.type, form, new Set(this.dirty), c.version);
    if (!patch) return; // nothing the server takes yet: the tab's draft keeps it all
    void patchCase(c.number, patch, token, true).catch(() => undefined);
    // What that save does not carry (a section still missing a field) waits in the draft, on the
    // version the save makes.
    const left = [...this.dirty].filter(
      (s) => patch[s] === undefined && !(s === 'applicant' && isBlank(form.applicant)),
    );
    saveCaseDraft(
      left.length ? { number: c.number, version: c.version + 1, form, dirty: left } : undefined,
    );
  };

  /**
   * Shows the case of the ticket (its `caseNumber`, which the staff view of a ticket carries), or
   * none yet; a different ticket clears the panel first.
   */
  async openForTicket(ticketId: string | undefined, caseNumber?: string | null): Promise<void> {
    if (ticketId === this.ticketId) return;
    await this.flush();
    this.reset();
    this.ticketId = ticketId;
    const token = this.token();
    if (!ticketId || !caseNumber || !token) return this.host.requestUpdate();
    await this.run(async () => {
      const found = await getCase(caseNumber, token);
      if (this.ticketId === ticketId) this.show(found);
    });
  }

  /** Opens a new case of `type` for the current ticket. */
  async create(type: CaseType): Promise<void> {
    const ticketId = this.ticketId;
    const token = this.token();
    if (!ticketId || !token || this.case) return;
    await this.run(async () => this.show(await createCase(ticketId, type, token)));
  }

  /** Changes one section of the form; it is saved shortly after the typing stops. */
  edit(section: FormSection, change: (form: CaseForm) => CaseForm): void {
    if (!this.form || this.save === 'conflict') return;
    this.form = change(this.form);
    this.dirty.add(section);
    if (this.saving) this.typedDuringSave.add(section);
    this.save = 'pending';
    this.keepDraft();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
    this.host.requestUpdate();
  }

  /** Keeps what is not saved yet for this tab (a reload brings it back), or forgets it. */
  private keepDraft(): void {
    const c = this.case;
    if (!c || !this.form) return;
    saveCaseDraft(
      this.dirty.size === 0
        ? undefined
        : { number: c.number, version: c.version, form: this.form, dirty: [...this.dirty] },
    );
  }

  /** Saves what is pending now (before a transition, a reload or leaving the ticket). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.saving) await this.saving;
    if (this.dirty.size === 0 || !this.case || !this.form || this.save === 'conflict') return;
    this.saving = this.saveNow().finally(() => (this.saving = undefined));
    await this.saving;
  }

  /** Fetches the case again, dropping unsaved typing (the way out of a conflict). */
  async reload(): Promise<void> {
    const number = this.case?.number;
    const token = this.token();
    if (!number || !token) return;
    clearTimeout(this.timer);
    this.dirty.clear();
    saveCaseDraft(undefined);
    await this.run(async () => this.show(await getCase(number, token)));
  }

  /** Records that the kiosk visitor's identity was checked (the console stops warning). */
  async confirmIdentity(): Promise<void> {
    await this.flush();
    const c = this.case;
    const token = this.token();
    if (!c || !token || this.save === 'conflict' || this.dirty.size > 0) return;
    await this.run(async () => this.show(await confirmIdentity(c.number, c.version, token)));
  }

  /** Moves the case on (submit, issue…), after saving what was typed. */
  async transition(to: CaseStatus, note?: string): Promise<boolean> {
    await this.flush();
    const c = this.case;
    const token = this.token();
    if (!c || !token || this.save === 'conflict' || this.dirty.size > 0) return false;
    let done = false;
    await this.run(async () => {
      this.show(await transitionCase(c.number, to, c.version, token, note));
      done = true;
    });
    return done;
  }

  /**
   * Records the applicant's phone for messages about the case, with their consent. Also while a
   * section holds typing not valid yet (it did nothing then, and said nothing): that typing stays
   * on screen and marked, only the case's version moves on.
   */
  async notify(notify: CaseNotify): Promise<boolean> {
    await this.flush();
    const c = this.case;
    const token = this.token();
    if (!c || !token || this.save === 'conflict') return false;
    let done = false;
    await this.run(async () => {
      const saved = await patchCase(c.number, { version: c.version, notify }, token);
      if (this.dirty.size === 0) this.show(saved);
      else {
        this.case = saved;
        this.keepDraft();
      }
      done = true;
    });
    return done;
  }

  /**
   * A change of a case published to staff (`case:updated`). The open case takes it at once when
   * nothing typed is waiting to be saved; with unsaved typing the form freezes as a conflict (the
   * typing stays on screen, nothing is overwritten) until the clerk reloads. A change that arrives
   * during this console's own request waits until the answer is in.
   */
  received(c: Case): void {
    if (!this.case || c.number !== this.case.number) return;
    if (this.busy || this.saving) {
      if (!this.remote || this.remote.version < c.version) this.remote = c;
      return;
    }
    if (c.version <= this.case.version) return;
    if (this.dirty.size > 0) {
      this.save = 'conflict';
      this.changedElsewhere = c;
    } else {
      this.show(c);
    }
    this.host.requestUpdate();
  }

  /** A newer version seen meanwhile, applied once the running request is done. */
  private remote: Case | undefined;
  /** The newer version that put the form in conflict (its status is shown). */
  changedElsewhere: Case | undefined;

  private settleRemote(): void {
    const remote = this.remote;
    this.remote = undefined;
    if (remote) this.received(remote);
  }

  private async saveNow(): Promise<void> {
    const c = this.case;
    const form = this.form;
    const token = this.token();
    if (!c || !form || !token) return;
    const sections = new Set(this.dirty);
    this.typedDuringSave.clear();
    const { patch, issues } = buildPatch(c.type, form, sections, c.version);
    this.issues = issues;
    if (!patch) {
      this.save = 'invalid';
      this.host.requestUpdate();
      return;
    }
    this.save = 'saving';
    this.host.requestUpdate();
    try {
      const saved = await patchCase(c.number, patch, token);
      if (this.case?.number !== saved.number) return;
      this.case = saved;
      // A section sent whole is clean, unless the clerk typed into it during the save.
      for (const s of sections) {
        const sent = patch[s] !== undefined || (s === 'applicant' && isBlank(form.applicant));
        if (sent && !this.typedDuringSave.has(s)) this.dirty.delete(s);
      }
      this.save = Object.keys(issues).length ? 'invalid' : this.dirty.size ? 'pending' : 'saved';
      this.error = undefined;
      this.retries = 0;
      this.keepDraft();
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.staleVersion) {
        this.save = 'conflict';
      } else if (isPassing(error)) {
        // No connection (a server restart) or a server too busy: said, and sent again until it
        // goes (the typing of an outage was never sent, and the form said to check its fields).
        this.save = 'pending';
        this.error = toShownError(error);
        clearTimeout(this.timer);
        this.timer = setTimeout(
          () => void this.flush(),
          Math.min(10_000, 1_000 * 2 ** this.retries++),
        );
      } else {
        this.save = 'invalid';
        this.error = toShownError(error);
      }
    }
    this.saving = undefined;
    this.settleRemote();
    this.host.requestUpdate();
  }

  private show(c: Case): void {
    this.changedElsewhere = undefined;
    this.case = c;
    this.form = formOf(c);
    this.issues = {};
    this.dirty.clear();
    this.save = 'idle';
    this.error = undefined;
    // Typing this tab kept on this very version (not saved before a reload): back on screen, and
    // sent again (a section still missing a field stays marked, as before the reload).
    const draft = loadCaseDraft(c.number, c.version);
    if (draft) {
      this.form = draft.form;
      for (const s of draft.dirty) this.dirty.add(s);
      this.save = 'pending';
      this.timer = setTimeout(() => void this.flush(), 0);
    }
  }

  private reset(): void {
    clearTimeout(this.timer);
    this.retries = 0;
    this.remote = undefined;
    this.changedElsewhere = undefined;
    this.case = undefined;
    this.form = undefined;
    this.issues = {};
    this.dirty.clear();
    this.save = 'idle';
    this.error = undefined;
  }

  private async run(work: () => Promise<void>): Promise<void> {
    await this.requests.run(work);
  }
}

/** A refusal that passes by itself: no connection, or the server unavailable or behind. */
function isPassing(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const passing: string[] = [NETWORK_ERROR, ErrorCode.unavailable, ErrorCode.overloaded];
  return passing.includes(error.code);
}
