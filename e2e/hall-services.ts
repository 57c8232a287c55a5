/**
 * Services as long as real ones get, to fill the demo office (ten services) up to 20: the hall's
 * layout test and the README screenshots use them.
 */
import { login, request } from '../server/src/testing/client';

export const EXTRA_SERVICES = [
  [
    'X',
    'Бақайдгирии тағйир додани насаб, ном ва номи падар',
    'Регистрация перемены фамилии, имени и отчества',
    'Familiya, ism va otasining ismini o‘zgartirishni qayd etish',
    'Registration of a change of surname, first name and patronymic',
  ],
  [
    'Y',
    'Маълумотнома ва бойгонӣ',
    'Архивные справки и выписки из актовых записей',
    'Arxiv ma’lumotnomalari va dalolatnoma yozuvlaridan ko‘chirmalar',
    'Archive certificates and extracts from civil records',
  ],
  [
    'Z',
    'Апостил ва тасдиқи ҳуҷҷатҳо барои хориҷи кишвар',
    'Апостиль и легализация документов для заграницы',
    'Chet el uchun hujjatlarga apostil va legalizatsiya',
    'Apostille and legalisation of documents for use abroad',
  ],
  [
    'L',
    'Бақайдгирии фарзандхонӣ (асрондан)',
    'Регистрация усыновления (удочерения)',
    'Farzandlikka olishni qayd etish',
    'Registration of adoption',
  ],
  [
    'M',
    'Барқарорсозии сабти асноди ҳолати шаҳрвандӣ',
    'Восстановление записей актов гражданского состояния',
    'Fuqarolik holati dalolatnomalari yozuvlarini tiklash',
    'Restoration of civil status records',
  ],
  [
    'N',
    'Бекор кардани сабти асноди ҳолати шаҳрвандӣ',
    'Аннулирование записей актов гражданского состояния',
    'Fuqarolik holati dalolatnomalari yozuvlarini bekor qilish',
    'Annulment of civil status records',
  ],
  [
    'O',
    'Қабули шиконятҳо ва пешниҳодҳои шаҳрвандон',
    'Приём жалоб и предложений граждан',
    'Fuqarolarning shikoyat va takliflarini qabul qilish',
    'Complaints and suggestions from citizens',
  ],
  [
    'Q',
    'Пардохти боҷи давлатӣ ва хизматрасониҳои пулакӣ',
    'Оплата госпошлины и платных услуг',
    'Davlat boji va pullik xizmatlar uchun to‘lov',
    'Payment of state duty and paid services',
  ],
  [
    'R',
    'Ҳуҷҷатгузорӣ барои шаҳрвандони хориҷӣ',
    'Оформление документов иностранным гражданам',
    'Chet el fuqarolari uchun hujjatlarni rasmiylashtirish',
    'Documents for foreign citizens',
  ],
  [
    'S',
    'Сабти таваллуди кӯдакони дар хориҷа таваллудшуда',
    'Регистрация рождения детей, родившихся за границей',
    'Chet elda tug‘ilgan bolalarning tug‘ilishini qayd etish',
    'Registration of births of children born abroad',
  ],
] as const;

/** Adds EXTRA_SERVICES[from..to) to the demo office `kulob`. */
export async function addExtraServices(base: string, from: number, to: number): Promise<void> {
  const admin = await login(base, 'admin');
  for (const [prefix, tg, ru, uz, en] of EXTRA_SERVICES.slice(from, to)) {
    const res = await request(base, 'POST', '/api/offices/kulob/services', {
      token: admin,
      body: { code: `extra_${prefix.toLowerCase()}`, prefix, names: { tg, ru, uz, en } },
    });
    if (res.status !== 201) throw new Error(`service ${prefix}: ${res.status}`);
  }
}
