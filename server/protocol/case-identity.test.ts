/**
 * The identities of the events a case registers (case-identity.ts): one event spelled two ways is
 * one event; two events that only look alike are two.
 */
import { eventIdentities, foldDocument, foldName } from './case-identity';
import type { Subject } from './case-person';

const birth = (mother: Subject['person'], child: Subject['person']) => ({
  type: 'birth' as const,
  subjects: [
    { role: 'child' as const, person: child },
    { role: 'mother' as const, person: mother },
  ],
  details: { birthDate: '2025-03-05' },
});
const death = (deceased: Subject['person']) => ({
  type: 'death' as const,
  subjects: [{ role: 'deceased' as const, person: deceased }],
  details: {},
});
const shared = (a: string[], b: string[]) => a.some((i) => b.includes(i));

describe('event identities', () => {
  it('folds Tajik letters, Russian spelling and Latin look-alikes of one name into one', () => {
    expect(foldName('Ҷӯрахонов')).toBe(foldName('Джурахонов'));
    expect(foldName(' Раҳимова ')).toBe(foldName('Рахимовa'));
    expect(foldName('Қодир')).toBe(foldName('Кодир'));
    expect(foldName('Ғуломов')).toBe(foldName('Гуломов'));
    expect(foldName('Саъдӣ')).toBe(foldName('Сади'));
    expect(foldName('Алёша')).toBe(foldName('алеша'));
    // A double name with a hyphen, a space or joined; the old fonts' letters; an apostrophe.
    expect(foldName('Муҳаммад-Алӣ')).toBe(foldName('Муҳаммад Алӣ'));
    expect(foldName('Муҳаммад-Алӣ')).toBe(foldName('Мухаммадали'));
    expect(foldName('Ќурбонов Ўктам')).toBe(foldName('Қурбонов Ӯктам'));
    expect(foldName('Ѓуломљон Њасан')).toBe(foldName('Ғуломҷон Ҳасан'));
    expect(foldName('Ўроќовна')).toBe(foldName('Ӯроқовна'));
    expect(foldName("Са'дӣ")).toBe(foldName('Саъди'));
    expect(foldName('Раҳимова')).not.toBe(foldName('Раҳимов'));
    expect(foldDocument('А 123-45-67')).toBe(foldDocument('a1234567'));
    expect(foldDocument('A1234567')).not.toBe(foldDocument('A1234568'));
  });

  it('knows a birth by names, and by the mother’s document with the child’s date and first name', () => {
    const mother = {
      lastName: 'Раҳимова',
      firstName: 'Зарина',
      middleName: 'Алиевна',
      idDocument: { type: 'passport' as const, number: 'A1234567' },
    };
    const child = { lastName: 'Раҳимов', firstName: 'Фирӯз' };
    const one = eventIdentities(birth(mother, child));
    expect(one).toHaveLength(2);
    const respelled = eventIdentities(
      birth({ ...mother, lastName: 'Рахимова' }, { ...child, lastName: 'Рахимов' }),
    );
    expect(respelled).toEqual(one);
    // The patronymic left out: another name, the same mother's document.
    const { middleName: _left, ...noPatronymic } = mother;
    expect(shared(eventIdentities(birth(noPatronymic, child)), one)).toBe(true);
    // A twin: the same mother and day, another first name.
    expect(shared(eventIdentities(birth(mother, { ...child, firstName: 'Фарида' })), one)).toBe(
      false,
    );
    // No date of birth: nothing to tell by.
    expect(eventIdentities({ ...birth(mother, child), details: {} })).toEqual([]);
  });

  it('knows a death by names and date of birth, and by the deceased’s document', () => {
    const passport = { type: 'passport' as const, number: 'A2222222' };
    const withDate = eventIdentities(
      death({
        lastName: 'Ғуломов',
        firstName: 'Қодир',
        birthDate: '1940-02-02',
        idDocument: passport,
      }),
    );
    const withoutDate = eventIdentities(
      death({ lastName: 'Гуломов', firstName: 'Кодир', idDocument: passport }),
    );
    expect(withoutDate).toHaveLength(1);
    expect(shared(withDate, withoutDate)).toBe(true);
    const namesake = eventIdentities(
      death({ lastName: 'Ғуломов', firstName: 'Қодир', birthDate: '1941-02-02' }),
    );
    expect(shared(withDate, namesake)).toBe(false);
    expect(eventIdentities(death({ lastName: 'Ғуломов', firstName: 'Қодир' }))).toEqual([]);
  });
});
