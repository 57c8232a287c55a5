/**
 * The case types about a family: births, marriages, divorces and the establishment of paternity.
 * What each needs: the people in it, the documents to bring, whether a state duty is paid.
 */
import type { CaseTypeSpec } from './case-type-spec';
import { detail, feeReceipt, hasSubject, marriageCertificate, roleNames } from './case-spec-parts';

/** A birth. */
export const birthCase: CaseTypeSpec & { type: 'birth' } = {
  type: 'birth',
  roles: [
    { role: 'child', names: roleNames.child, required: true },
    { role: 'mother', names: roleNames.mother, required: true },
    // Left out when paternity is not established; the act record then has no father.
    { role: 'father', names: roleNames.father, required: false },
  ],
  documents: [
    {
      code: 'medical_birth_notice',
      names: {
        tg: 'Шаҳодатномаи тиббӣ дар бораи таваллуд',
        ru: 'Медицинское свидетельство о рождении',
        uz: 'Tugʻilish haqida tibbiy guvohnoma',
        en: 'Medical birth certificate',
      },
      required: true,
    },
    {
      code: 'mother_passport',
      names: {
        tg: 'Шиносномаи модар',
        ru: 'Паспорт матери',
        uz: 'Onaning pasporti',
        en: "Mother's passport",
      },
      required: true,
    },
    {
      code: 'father_passport',
      names: {
        tg: 'Шиносномаи падар',
        ru: 'Паспорт отца',
        uz: 'Otaning pasporti',
        en: "Father's passport",
      },
      required: false,
      requiredWhen: (c) => hasSubject(c, 'father'),
    },
    // Only when the parents are married to each other.
    { code: 'marriage_certificate', names: marriageCertificate, required: false },
  ],
  feeRequired: false,
  createsActRecord: true,
};

/** A marriage. */
export const marriageCase: CaseTypeSpec & { type: 'marriage' } = {
  type: 'marriage',
  roles: [
    { role: 'bride', names: roleNames.bride, required: true },
    { role: 'groom', names: roleNames.groom, required: true },
  ],
  documents: [
    {
      code: 'marriage_application',
      names: {
        tg: 'Аризаи муштарак дар бораи бақайдгирии ақди никоҳ',
        ru: 'Совместное заявление о регистрации брака',
        uz: 'Nikohni qayd etish toʻgʻrisida qoʻshma ariza',
        en: 'Joint application for marriage registration',
      },
      required: true,
    },
    {
      code: 'bride_passport',
      names: {
        tg: 'Шиносномаи арӯс',
        ru: 'Паспорт невесты',
        uz: 'Kelinning pasporti',
        en: "Bride's passport",
      },
      required: true,
    },
    {
      code: 'groom_passport',
      names: {
        tg: 'Шиносномаи домод',
        ru: 'Паспорт жениха',
        uz: 'Kuyovning pasporti',
        en: "Groom's passport",
      },
      required: true,
    },
    {
      code: 'medical_certificate',
      names: {
        tg: 'Маълумотномаи тиббӣ дар бораи муоинаи тиббӣ',
        ru: 'Справка о медицинском обследовании',
        uz: 'Tibbiy koʻrik haqida maʼlumotnoma',
        en: 'Medical examination certificate',
      },
      required: true,
    },
    { code: 'fee_receipt', names: feeReceipt, required: true },
  ],
  feeRequired: true,
  createsActRecord: true,
};

/** A divorce, by mutual consent or on a court decision. */
export const divorceCase: CaseTypeSpec & { type: 'divorce' } = {
  type: 'divorce',
  roles: [
    { role: 'spouse1', names: roleNames.spouse1, required: true },
    { role: 'spouse2', names: roleNames.spouse2, required: true },
  ],
  documents: [
    // By mutual consent both spouses apply together; otherwise a court decision is the basis.
    {
      code: 'divorce_application',
      names: {
        tg: 'Аризаи муштарак дар бораи бекор кардани ақди никоҳ',
        ru: 'Совместное заявление о расторжении брака',
        uz: 'Nikohni bekor qilish toʻgʻrisida qoʻshma ariza',
        en: 'Joint application for divorce',
      },
      required: true,
      requiredWhen: (c) => detail(c, 'mutualConsent') !== false,
    },
    {
      code: 'court_decision',
      names: {
        tg: 'Қарори суд дар бораи бекор кардани ақди никоҳ',
        ru: 'Решение суда о расторжении брака',
        uz: 'Nikohni bekor qilish toʻgʻrisida sud qarori',
        en: 'Court decision on divorce',
      },
      required: false,
      requiredWhen: (c) => detail(c, 'mutualConsent') === false,
    },
    {
      code: 'spouse1_passport',
      names: {
        tg: 'Шиносномаи ҳамсари якум',
        ru: 'Паспорт первого супруга',
        uz: 'Birinchi turmush oʻrtogʻining pasporti',
        en: "First spouse's passport",
      },
      required: true,
    },
    {
      // On a court decision either spouse may come alone.
      code: 'spouse2_passport',
      names: {
        tg: 'Шиносномаи ҳамсари дуюм',
        ru: 'Паспорт второго супруга',
        uz: 'Ikkinchi turmush oʻrtogʻining pasporti',
        en: "Second spouse's passport",
      },
      required: true,
      requiredWhen: (c) => detail(c, 'mutualConsent') !== false,
    },
    { code: 'marriage_certificate', names: marriageCertificate, required: true },
    { code: 'fee_receipt', names: feeReceipt, required: true },
  ],
  feeRequired: true,
  createsActRecord: true,
};

/** The establishment of paternity, on a joint application or a court decision. */
export const paternityCase: CaseTypeSpec & { type: 'paternity' } = {
  type: 'paternity',
  roles: [
    { role: 'child', names: roleNames.child, required: true },
    { role: 'mother', names: roleNames.mother, required: true },
    { role: 'father', names: roleNames.father, required: true },
  ],
  documents: [
    {
      code: 'joint_application',
      names: {
        tg: 'Аризаи муштараки падару модар',
        ru: 'Совместное заявление родителей',
        uz: 'Ota-onaning qoʻshma arizasi',
        en: "Parents' joint application",
      },
      required: true,
      requiredWhen: (c) => detail(c, 'basis') !== 'court_decision',
    },
    {
      code: 'court_decision',
      names: {
        tg: 'Қарори суд дар бораи муқаррар намудани падарӣ',
        ru: 'Решение суда об установлении отцовства',
        uz: 'Otalikni belgilash toʻgʻrisida sud qarori',
        en: 'Court decision establishing paternity',
      },
      required: false,
      requiredWhen: (c) => detail(c, 'basis') === 'court_decision',
    },
    {
      code: 'father_passport',
      names: {
        tg: 'Шиносномаи падар',
        ru: 'Паспорт отца',
        uz: 'Otaning pasporti',
        en: "Father's passport",
      },
      required: true,
    },
    {
      code: 'mother_passport',
      names: {
        tg: 'Шиносномаи модар',
        ru: 'Паспорт матери',
        uz: 'Onaning pasporti',
        en: "Mother's passport",
      },
      required: true,
    },
    {
      code: 'birth_certificate',
      names: {
        tg: 'Шаҳодатномаи таваллуди кӯдак',
        ru: 'Свидетельство о рождении ребёнка',
        uz: 'Bolaning tugʻilganlik haqidagi guvohnomasi',
        en: "Child's birth certificate",
      },
      required: true,
    },
  ],
  feeRequired: false,
  createsActRecord: true,
};
