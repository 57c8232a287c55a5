/**
 * The case types about one person or an act record already written: deaths, changes of name,
 * repeat certificates and amendments. What each needs: the people in it, the documents to bring,
 * whether a state duty is paid, whether it writes an act record.
 */
import type { CaseTypeSpec } from './case-type-spec';
import { applicantPassport, detail, feeReceipt, roleNames } from './case-spec-parts';

/** A death. */
export const deathCase: CaseTypeSpec & { type: 'death' } = {
  type: 'death',
  roles: [{ role: 'deceased', names: roleNames.deceased, required: true }],
  documents: [
    {
      code: 'medical_death_certificate',
      names: {
        tg: 'Шаҳодатномаи тиббӣ дар бораи фавт',
        ru: 'Медицинское свидетельство о смерти',
        uz: 'Oʻlim haqida tibbiy guvohnoma',
        en: 'Medical death certificate',
      },
      required: true,
      requiredWhen: (c) => detail(c, 'causeDocument', 'type') !== 'court_decision',
    },
    {
      // A person declared dead by a court has no medical certificate.
      code: 'court_decision',
      names: {
        tg: 'Қарори суд дар бораи фавтида эътироф кардан',
        ru: 'Решение суда об объявлении умершим',
        uz: 'Vafot etgan deb eʼlon qilish toʻgʻrisida sud qarori',
        en: 'Court decision declaring the person dead',
      },
      required: false,
      requiredWhen: (c) => detail(c, 'causeDocument', 'type') === 'court_decision',
    },
    {
      code: 'deceased_passport',
      names: {
        tg: 'Шиносномаи фавтида',
        ru: 'Паспорт умершего',
        uz: 'Marhumning pasporti',
        en: "Deceased's passport",
      },
      required: true,
    },
    { code: 'applicant_passport', names: applicantPassport, required: true },
  ],
  feeRequired: false,
  createsActRecord: true,
};

/** A change of name. */
export const nameChangeCase: CaseTypeSpec & { type: 'name_change' } = {
  type: 'name_change',
  roles: [{ role: 'person', names: roleNames.person, required: true }],
  documents: [
    {
      code: 'name_change_application',
      names: {
        tg: 'Ариза дар бораи иваз кардани ном',
        ru: 'Заявление о перемене имени',
        uz: 'Ismni oʻzgartirish toʻgʻrisida ariza',
        en: 'Application for a change of name',
      },
      required: true,
    },
    { code: 'applicant_passport', names: applicantPassport, required: true },
    {
      code: 'birth_certificate',
      names: {
        tg: 'Шаҳодатномаи таваллуд',
        ru: 'Свидетельство о рождении',
        uz: 'Tugʻilganlik haqidagi guvohnoma',
        en: 'Birth certificate',
      },
      required: true,
    },
    { code: 'fee_receipt', names: feeReceipt, required: true },
  ],
  feeRequired: true,
  createsActRecord: true,
};

/** A repeat certificate of an existing act record. */
export const certificateCase: CaseTypeSpec & { type: 'certificate' } = {
  type: 'certificate',
  // The person whose act record the repeat certificate is of.
  roles: [{ role: 'person', names: roleNames.person, required: true }],
  documents: [
    {
      code: 'application',
      names: {
        tg: 'Ариза барои гирифтани шаҳодатномаи такрорӣ',
        ru: 'Заявление о выдаче повторного свидетельства',
        uz: 'Takroriy guvohnoma olish uchun ariza',
        en: 'Application for a repeat certificate',
      },
      required: true,
    },
    { code: 'applicant_passport', names: applicantPassport, required: true },
    { code: 'fee_receipt', names: feeReceipt, required: true },
  ],
  feeRequired: true,
  createsActRecord: false,
};

/** An amendment of an existing act record. */
export const amendmentCase: CaseTypeSpec & { type: 'amendment' } = {
  type: 'amendment',
  roles: [{ role: 'person', names: roleNames.person, required: true }],
  documents: [
    {
      code: 'amendment_application',
      names: {
        tg: 'Ариза дар бораи ислоҳи сабти санади ҳолати шаҳрвандӣ',
        ru: 'Заявление о внесении исправления в запись акта гражданского состояния',
        uz: 'Fuqarolik holati dalolatnomasi yozuviga tuzatish kiritish toʻgʻrisida ariza',
        en: 'Application to correct an act record',
      },
      required: true,
    },
    { code: 'applicant_passport', names: applicantPassport, required: true },
    {
      code: 'supporting_document',
      names: {
        tg: 'Ҳуҷҷати тасдиқкунанда',
        ru: 'Подтверждающий документ',
        uz: 'Tasdiqlovchi hujjat',
        en: 'Supporting document',
      },
      required: true,
    },
    { code: 'fee_receipt', names: feeReceipt, required: true },
  ],
  feeRequired: true,
  createsActRecord: false,
};
