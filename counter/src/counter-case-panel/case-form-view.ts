/**
 * The editable case form of the case panel: the persons, the documents received, the details of the
 * type and the fee, and the list of what still blocks submitting. Rendered into the panel's shadow
 * root (its styles), editing through the panel's {@link CaseController}.
 */
import { html, nothing } from 'lit';
import {
  caseTypeSpec,
  missingForSubmit,
  personRule,
  type Case,
  type Service,
  type SubjectRole,
} from '../../../server/protocol';
import type { LocalizeController } from '../../../ui/controllers/localize-controller';
import type { MessageKey } from '../../../ui/i18n/staff';
import type { NbDateField } from '../../../ui/nb-date-field';
import '../../../ui/nb-date-field';
import type { CaseController } from '../case-controller';
import {
  PERSON_FIELDS,
  detailGroups,
  detailLabelKey,
  detailValue,
  emptyPerson,
  optionLabelKey,
  withDetail,
  type CaseForm,
  type DetailField,
  type PersonForm,
} from '../case-form';

const PERSON_LABELS: Record<keyof PersonForm, MessageKey> = {
  lastName: 'pLastName',
  firstName: 'pFirstName',
  middleName: 'pMiddleName',
  birthDate: 'pBirthDate',
  sex: 'pSex',
  idType: 'pIdType',
  idNumber: 'pIdNumber',
  address: 'pAddress',
  phone: 'pPhone',
};
const ID_TYPES: readonly [string, MessageKey][] = [
  ['passport', 'idPassport'],
  ['birth_certificate', 'idBirthCertificate'],
  ['foreign_passport', 'idForeignPassport'],
  ['other', 'idOther'],
];

/** Renders the form of the open case and what blocks submitting it. */
export class CaseFormView {
  constructor(
    private readonly cases: CaseController,
    private readonly l10n: LocalizeController,
    private readonly services: () => readonly Service[],
  ) {}

  private serviceName(code: string): string {
    return this.services().find((s) => s.code === code)?.names[this.l10n.lang] ?? code;
  }

  private renderIssue(key: string) {
    const issue = this.cases.issues[key];
    return issue ? html`<span class="issue">${this.l10n.t(issue)}</span>` : nothing;
  }

  /** Writes one typed field of a person into the form (a newborn's birth date is the birth's too). */
  private editPerson(section: 'applicant' | SubjectRole, field: keyof PersonForm, value: string) {
    if (section === 'applicant') {
      this.cases.edit('applicant', (f) => ({
        ...f,
        applicant: { ...f.applicant, [field]: value },
      }));
      return;
    }
    this.cases.edit('subjects', (f) => ({
      ...f,
      subjects: {
        ...f.subjects,
        [section]: { ...(f.subjects[section] ?? emptyPerson()), [field]: value },
      },
    }));
    if (this.cases.case?.type === 'birth' && section === 'child' && field === 'birthDate') {
      this.cases.edit('details', (f) => ({
        ...f,
        details: withDetail(f.details, ['birthDate'], value || undefined),
      }));
    }
  }

  private renderPerson(
    section: 'applicant' | SubjectRole,
    legend: string,
    person: PersonForm,
    required: boolean,
  ) {
    const onInput = (field: keyof PersonForm) => (e: Event) =>
      this.editPerson(
        section,
        field,
        (e.target as HTMLInputElement | HTMLSelectElement | NbDateField).value,
      );
    return html`<fieldset data-testid=${`person-${section}`}>
      <legend>
        ${legend}
        ${required ? html`<span class="req">${this.l10n.t('requiredMark')}</span>` : nothing}
      </legend>
      <div class="grid">
        ${PERSON_FIELDS.filter((field) => this.asks(section, field)).map((field) =>
          this.renderPersonField(section, field, person, onInput(field)),
        )}
      </div>
    </fieldset>`;
  }

  /** One field of a person with its label and what is wrong with it: a choice or a typed input. */
  private renderPersonField(
    section: 'applicant' | SubjectRole,
    field: keyof PersonForm,
    person: PersonForm,
    onInput: (e: Event) => void,
  ) {
    const key = `${section}.${field}`;
    const bad = this.cases.issues[key] !== undefined;
    const label = this.l10n.t(PERSON_LABELS[field]);
    let input;
    if (field === 'sex') {
      input = html`<select name=${key} @change=${onInput}>
        <option value="" ?selected=${person.sex === ''}>${this.l10n.t('notGiven')}</option>
        <option value="m" ?selected=${person.sex === 'm'}>${this.l10n.t('sexM')}</option>
        <option value="f" ?selected=${person.sex === 'f'}>${this.l10n.t('sexF')}</option>
      </select>`;
    } else if (field === 'idType') {
      input = html`<select name=${key} @change=${onInput}>
        <option value="" ?selected=${person.idType === ''}>${this.l10n.t('notGiven')}</option>
        ${ID_TYPES.map(
          ([v, k]) =>
            html`<option value=${v} ?selected=${person.idType === v}>${this.l10n.t(k)}</option>`,
        )}
      </select>`;
    } else if (field === 'birthDate') {
      input = html`<nb-date-field
        name=${key}
        .value=${person.birthDate}
        .language=${this.l10n.lang}
        ?invalid=${bad}
        @input=${onInput}
      ></nb-date-field>`;
    } else {
      input = html`<input
        name=${key}
        type=${field === 'phone' ? 'tel' : 'text'}
        .value=${person[field]}
        autocomplete="off"
        aria-invalid=${bad ? 'true' : 'false'}
        @input=${onInput}
      />`;
    }
    return html`<label class="field ${bad ? 'bad' : ''}"
      >${label} ${input} ${this.renderIssue(key)}</label
    >`;
  }

  /** Whether the form asks this field of this person (a newborn has no passport or phone). */
  private asks(section: 'applicant' | SubjectRole, field: keyof PersonForm): boolean {
    const type = this.cases.case?.type;
    if (!type) return true;
    const name = field === 'idType' || field === 'idNumber' ? 'idDocument' : field;
    return personRule(type, section).asks.includes(name);
  }

  private renderDetailField(field: DetailField) {
    const form = this.cases.form;
    if (!form) return nothing;
    // The birth date of a birth is the child's: entered once, in the child's row.
    if (this.cases.case?.type === 'birth' && field.path.join('.') === 'birthDate') return nothing;
    const name = field.path[field.path.length - 1] ?? '';
    const key = `details.${field.path.join('.')}`;
    const labelKey = detailLabelKey(name);
    const label = labelKey ? this.l10n.t(labelKey) : name;
    const value = detailValue(form.details, field.path);
    const set = (v: unknown) =>
      this.cases.edit('details', (f) => ({ ...f, details: withDetail(f.details, field.path, v) }));
    const bad = this.cases.issues[key] !== undefined;
    if (field.kind === 'boolean') {
      return html`<label class="check"
        ><input
          type="checkbox"
          name=${key}
          .checked=${value === true}
          @change=${(e: Event) => set((e.target as HTMLInputElement).checked)}
        />${label} ${this.renderIssue(key)}</label
      >`;
    }
    let input;
    if (field.kind === 'enum') {
      input = html`<select
        name=${key}
        @change=${(e: Event) => set((e.target as HTMLSelectElement).value || undefined)}
      >
        <option value="" ?selected=${value === undefined}>${this.l10n.t('notGiven')}</option>
        ${(field.options ?? []).map(
          (o) => html`<option value=${o} ?selected=${value === o}>${this.optionLabel(o)}</option>`,
        )}
      </select>`;
    } else if (field.kind === 'date') {
      input = this.renderDateDetail(key, value, bad, set);
    } else {
      const text =
        typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
      input = html`<input
        name=${key}
        type=${field.kind === 'number' ? 'number' : 'text'}
        .value=${text}
        aria-invalid=${bad ? 'true' : 'false'}
        @input=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          if (raw.trim() === '') set(undefined);
          else set(field.kind === 'number' ? Number(raw) : raw);
        }}
      />`;
    }
    return html`<label class="field ${bad ? 'bad' : ''}"
      >${label} ${input} ${this.renderIssue(key)}</label
    >`;
  }

  /** A detail that is a calendar day: typed `dd.mm.yyyy`, kept as `yyyy-mm-dd` (none while it is no day). */
  private renderDateDetail(key: string, value: unknown, bad: boolean, set: (v: unknown) => void) {
    return html`<nb-date-field
      name=${key}
      .value=${typeof value === 'string' ? value : ''}
      .language=${this.l10n.lang}
      ?invalid=${bad}
      @input=${(e: Event) => set((e.target as NbDateField).value || undefined)}
    ></nb-date-field>`;
  }

  /** The fieldsets of the open case: persons, documents, details, fee. */
  renderForm(c: Case) {
    const form = this.cases.form;
    if (!form) return nothing;
    const spec = caseTypeSpec(c.type);
    const lang = this.l10n.lang;
    return html`${this.renderPerson('applicant', this.l10n.t('applicant'), form.applicant, true)}
      ${spec.roles.map((r) =>
        this.renderPerson(
          r.role,
          r.names[lang],
          form.subjects[r.role] ?? emptyPerson(),
          r.required,
        ),
      )}
      <fieldset data-testid="documents">
        <legend>${this.l10n.t('documentsReceived')}</legend>
        ${c.documents.map((d) => this.renderDocument(d, form))}
      </fieldset>
      <fieldset data-testid="details">
        <legend>${this.l10n.t('details')}</legend>
        ${detailGroups(c.type).map((g) =>
          g.group
            ? html`<fieldset>
                <legend>${this.labelOf(g.group)}</legend>
                <div class="grid">${g.fields.map((f) => this.renderDetailField(f))}</div>
              </fieldset>`
            : html`<div class="grid">${g.fields.map((f) => this.renderDetailField(f))}</div>`,
        )}
      </fieldset>
      ${spec.feeRequired || c.fee ? this.renderFee(form) : nothing}`;
  }

  /** One document of the case's list, ticked once it is received. */
  private renderDocument(d: Case['documents'][number], form: CaseForm) {
    return html`<label class="check"
      ><input
        type="checkbox"
        name=${`doc.${d.code}`}
        .checked=${form.documents[d.code] ?? false}
        @change=${(e: Event) => {
          const received = (e.target as HTMLInputElement).checked;
          this.cases.edit('documents', (f) => ({
            ...f,
            documents: { ...f.documents, [d.code]: received },
          }));
        }}
      />${d.name[this.l10n.lang]}
      ${d.required ? html`<span class="req">${this.l10n.t('requiredMark')}</span>` : nothing}</label
    >`;
  }

  /** Whether the fee is paid, and its receipt. */
  private renderFee(form: CaseForm) {
    return html`<fieldset data-testid="fee">
      <legend>${this.l10n.t('fee')}</legend>
      <div class="grid">
        <label class="check"
          ><input
            type="checkbox"
            name="fee.paid"
            .checked=${form.fee.paid}
            @change=${(e: Event) => {
              const paid = (e.target as HTMLInputElement).checked;
              this.cases.edit('fee', (f) => ({ ...f, fee: { ...f.fee, paid } }));
            }}
          />${this.l10n.t('feePaid')}</label
        >
        <label class="field"
          >${this.l10n.t('feeReceipt')}
          <input
            name="fee.receipt"
            .value=${form.fee.receipt}
            @input=${(e: Event) => {
              const receipt = (e.target as HTMLInputElement).value;
              this.cases.edit('fee', (f) => ({ ...f, fee: { ...f.fee, receipt } }));
            }}
          />
          ${this.renderIssue('fee.receipt')}</label
        >
      </div>
    </fieldset>`;
  }

  private optionLabel(value: string): string {
    const key = optionLabelKey(value);
    return key ? this.l10n.t(key) : this.serviceName(value);
  }

  private labelOf(name: string): string {
    const key = detailLabelKey(name);
    return key ? this.l10n.t(key) : name;
  }

  /** What still blocks submitting (the panel shows it once submitting was tried). */
  renderBlockers(c: Case) {
    const lang = this.l10n.lang;
    const spec = caseTypeSpec(c.type);
    const items = missingForSubmit(c, new Date()).map((b) => {
      switch (b.kind) {
        case 'applicant':
          return this.l10n.t('blockerApplicant');
        case 'subject':
          return this.l10n.t('blockerSubject', {
            role: spec.roles.find((r) => r.role === b.role)?.names[lang] ?? b.role,
          });
        case 'document':
          return this.l10n.t('blockerDocument', {
            name: c.documents.find((d) => d.code === b.code)?.name[lang] ?? b.code,
          });
        case 'fee':
          return this.l10n.t('blockerFee');
        case 'details': {
          const name = b.path.split('.').pop() ?? b.path;
          return this.l10n.t('blockerDetails', { field: this.labelOf(name) });
        }
        case 'person':
          return this.l10n.t('blockerPerson', {
            who:
              b.who === 'applicant'
                ? this.l10n.t('applicant')
                : (spec.roles.find((r) => r.role === b.who)?.names[lang] ?? b.who),
            field: this.l10n.t(
              b.fact === 'idDocument' ? 'pIdType' : b.fact === 'sex' ? 'pSex' : 'pBirthDate',
            ),
          });
      }
    });
    if (items.length === 0 && Object.keys(this.cases.issues).length === 0) return nothing;
    return html`<div class="blockers" role="alert" data-testid="blockers">
      ${this.l10n.t('blockersTitle')}
      <ul>
        ${items.map((i) => html`<li>${i}</li>`)}
      </ul>
    </div>`;
  }
}
