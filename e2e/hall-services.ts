/**
 * The hall's layout test and its README screenshots: services as long as real ones get, to fill the
 * demo office (ten services) up to 20, a lived-in morning, and how a shot is written.
 */
import fs from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import type { Language } from '../server/protocol';
import { login, request } from '../server/src/testing/client';
import { screenshotFile } from './browser';

/** The lived-in office's ticker: longer than a 1280-wide screen, so it scrolls there. */
export const TICKER = 'Ҳуҷҷатҳои тайёрро аз равзанаи 6 гиред · Готовые документы — в окне 6';

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

/**
 * A morning in the demo office `kulob`: 14 services (two of them closed), a ticker, 40 tickets, five
 * windows calling and window 6 paused.
 */
export async function liveOffice(base: string): Promise<void> {
  const [clerk, admin] = await Promise.all([login(base, 'clerk1'), login(base, 'admin')]);
  const api = async <T = unknown>(
    method: 'POST' | 'PATCH',
    path: string,
    body?: unknown,
  ): Promise<T> => {
    const token = path.includes('/services') || path.endsWith('/settings') ? admin : clerk;
    const res = await request<T>(base, method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status}`);
    return res.body;
  };
  await addExtraServices(base, 0, 4);
  for (const code of ['death', 'extra_y']) {
    await api('PATCH', `/api/offices/kulob/services/${code}`, {
      open: false,
      closedReason: 'Таъмир',
    });
  }
  await api('PATCH', '/api/offices/kulob/settings', { ticker: TICKER });
  const services = ['birth', 'marriage', 'certificate', 'pickup', 'consultation', 'extra_x'];
  for (let i = 0; i < 40; i++) {
    await api('POST', '/api/offices/kulob/tickets', { service: services[(i * 5) % 6] });
  }
  const held = new Map<string, string>();
  for (const window of ['6', '2', '4', '5', '1', '4', '3']) {
    const before = held.get(window);
    if (before) await api('POST', `/api/tickets/${before}/complete`);
    const called = await api<{ ticket: { id: string } }>(
      'POST',
      `/api/offices/kulob/counters/${window}/call-next`,
    );
    held.set(window, called.ticket.id);
  }
  await api('POST', `/api/tickets/${held.get('6')}/complete`);
  await api('POST', '/api/offices/kulob/counters/6/pause', { reason: 'break' });
}

/**
 * Writes the hall screenshot `hall/<name>` once the page's fonts are in. With SCREENSHOTS (the
 * README's docs/screenshots/hall/) Tajik is a full-size PNG and the other languages half-size WebP,
 * so that the folder stays small (a full-size TV shot is 150–250 kB as PNG, ~40 kB so); a plain test
 * run keeps them all as PNG in .e2e-artifacts, with no time spent on WebP.
 */
export async function hallShot(page: Page, name: string, language: Language): Promise<void> {
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  const png = await page.screenshot();
  if (language === 'tg' || !process.env.SCREENSHOTS) {
    fs.writeFileSync(screenshotFile(`hall/${name}.png`), png);
    return;
  }
  const image = await loadImage(png);
  const canvas = createCanvas(Math.round(image.width / 2), Math.round(image.height / 2));
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  fs.writeFileSync(screenshotFile(`hall/${name}.webp`), await canvas.encode('webp', 82));
}
