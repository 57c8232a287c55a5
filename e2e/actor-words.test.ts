/** Who acted, in words (ui/actor-words.ts): the audit log's and a case history's machines. */
import { actorWords } from '../counter/src/actor-words';

describe('an actor that is no staff member, in words', () => {
  it('names a kiosk with its code, the citizen, the system and an unknown login', () => {
    expect(
      ['kiosk:K1', 'kiosk', 'citizen', 'system', 'anonymous'].map((a) => actorWords(a, 'en')),
    ).toEqual(['Kiosk K1', 'Kiosk', 'Citizen, from a phone', 'System', 'Unknown user']);
    expect(actorWords('anonymous', 'ru')).toBe('Неизвестный пользователь');
    expect(actorWords('kiosk:K2', 'tg')).toBe('Киоск K2');
  });

  it('leaves a username as it is', () => {
    expect(actorWords('clerk1', 'tg')).toBe('clerk1');
  });
});
