/** Uzbek words of the administration's forms: field hints and refusals in the form's own words. */
import type { adminForms as english } from '../en/admin-forms';
import type { MessagesLike } from '../messages';

export const adminForms: MessagesLike<typeof english> = {
  adminPrinter: 'Printer manzili',
  adminPrinterStatus: 'Printer holati',
  adminPrinterOnline: 'Ishlayapti',
  adminPrinterOffline: 'Javob bermayapti',
  adminPrinterUnknown: 'Hali tekshirilmagan',
  adminCodeHint: 'Kichik lotin harflari, raqamlar va _, boshida harf (masalan, adoption)',
  adminUsernameHint: 'Lotin harflari, raqamlar, nuqta, chiziqcha yoki _ (masalan, clerk5)',
  adminUsernameTaken:
    '«{name}» foydalanuvchi nomi band. Faqat bosh harflari bilan farq qiladigan nomlar (Clerk5, clerk5) bitta hisoblanadi: boshqasini tanlang.',
  adminDeviceCodeHint: 'Lotin harflari, raqamlar, - yoki _ (masalan, K2)',
  adminPrinterDidNotPrint: 'Printer chop etmadi: {why}',
  adminPrinterWhyRefused: 'ulanishni rad etdi (yoqilganmi, port toʻgʻrimi?)',
  adminPrinterWhyTimeout: 'oʻz vaqtida javob bermadi',
  adminPrinterWhyUnreachable: 'manziliga ulanib boʻlmaydi',
  adminPrinterWhyOther: 'vazifani qabul qilmadi',
  adminPrinterBadAddress:
    'Bu printer manzili emas. Bu server quyidagi kabi manzillarni qabul qiladi: {allowed}.',
  adminPrinterHostUnknown: 'Printer xosti nomi bu tarmoqda maʼlum emas.',
  adminPrinterOutsideNetworks:
    'Server faqat oʻz tarmoqlaridagi ({allowed}) printerlarga chop etadi: ularni serverdagi PRINTER_NETWORKS kengaytiradi.',
  adminPrinterOutsideDevices:
    'Server faqat {allowed} qurilmalariga chop etadi: ularni serverdagi PRINTER_DEVICES kengaytiradi.',
  adminPrinterNotADevice: 'Bu printer qurilmasi emas.',
  adminPrinterFilesOff:
    'Bu serverda fayllarga chop etish oʻchirilgan (PRINTER_SPOOL_DIR berilmagan).',
  adminPrinterOutsideSpool: 'Fayl printeri {allowed} ichiga yozishi kerak.',
  adminReportFor: '{from} – {to} uchun raqamlar.',
  adminReportStale: 'Yuqoridagi sanalar boshqa: ularni koʻrish uchun «{show}» tugmasini bosing.',
  adminNoQuietHours:
    'Tinch soatlar yoʻq: boshlanishi va tugashi bir xil, xabarlar istalgan soatda ketadi.',
  adminRangeBackwards: '“{to}” “{from}”dan oldin: kunlarni qaytadan tanlang.',
  adminRangeTooLong: 'Bitta hisobot koʻpi bilan {n} kunni qamraydi: qisqaroq muddat tanlang.',
  adminRemoteJoinNoCap:
    'Masofadan navbat yoqilgan: kuniga telefondan nechta chipta olish mumkinligini kiriting (kamida 1) yoki uni oʻchiring.',
  fieldRequired: 'Bu maydonni toʻldiring.',
  fieldFormat: 'Bu maydonga yozilganini tekshiring.',
  fieldTooShort: 'Kamida {n} belgi.',
  fieldMin: 'Kamida {n}.',
  fieldMax: 'Koʻpi bilan {n}.',
};
