/**
 * Sound on/off and volume of one hall display: `?sound=0|1&volume=0..1` in its address, remembered in
 * the browser (localStorage) so a kiosk-mode restart without the parameters keeps them.
 */
import { safeStorage, type Store } from '../../ui/safe-storage';

/** Whether the display speaks, and how loud (0–1). */
export interface SoundSettings {
  enabled: boolean;
  volume: number;
}

const SOUND_KEY = 'navbat.display.sound';
const VOLUME_KEY = 'navbat.display.volume';
const DEFAULTS: SoundSettings = { enabled: true, volume: 1 };

function parseEnabled(value: string | null | undefined): boolean | undefined {
  if (value === '1' || value === 'true' || value === 'on') return true;
  if (value === '0' || value === 'false' || value === 'off') return false;
  return undefined;
}

function parseVolume(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : undefined;
}

/** The address's parameters win and are remembered; otherwise what was remembered; otherwise on, full volume. */
export function readSoundSettings(
  search: string = window.location.search,
  storage: Store | undefined = safeStorage(),
): SoundSettings {
  const query = new URLSearchParams(search);
  const fromUrl = {
    enabled: parseEnabled(query.get('sound')),
    volume: parseVolume(query.get('volume')),
  };
  const remembered = (key: string): string | null => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const remember = (key: string, value: string): void => {
    try {
      storage?.setItem(key, value);
    } catch {
      // Nothing to do: the setting holds until the page reloads.
    }
  };
  if (fromUrl.enabled !== undefined) remember(SOUND_KEY, fromUrl.enabled ? '1' : '0');
  if (fromUrl.volume !== undefined) remember(VOLUME_KEY, String(fromUrl.volume));
  return {
    enabled: fromUrl.enabled ?? parseEnabled(remembered(SOUND_KEY)) ?? DEFAULTS.enabled,
    volume: fromUrl.volume ?? parseVolume(remembered(VOLUME_KEY)) ?? DEFAULTS.volume,
  };
}
