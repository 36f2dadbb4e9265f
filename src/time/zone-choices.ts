import { normalize } from '../search/normalize.ts';

const MAX_CHOICES = 25;

let zones: readonly string[] | null = null;

/** Every IANA zone this runtime knows, plus `UTC` (which `Intl.supportedValuesOf` leaves out). */
function allZones(): readonly string[] {
	zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
	return zones;
}

/** Autocomplete for a time zone option: names containing what was typed (any part, `seoul` finds Asia/Seoul). */
export function timeZoneChoices(typed: string): { name: string; value: string }[] {
	const query = normalize(typed).replace(/\s+/g, '_');
	const matches = allZones().filter((zone) => normalize(zone).includes(query));
	matches.sort((a, b) => Number(!normalize(a).startsWith(query)) - Number(!normalize(b).startsWith(query)));
	return matches.slice(0, MAX_CHOICES).map((zone) => ({ name: zone, value: zone }));
}
