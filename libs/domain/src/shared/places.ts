/** A place on a route: a country (ISO 3166-1 alpha-2) and, optionally, a city. */
export interface Place {
  country: string;
  city?: string;
}

/** How a place is stored in a route's TRAVEL_ROUTE field: `CN` or `CN:Wenzhou`. */
export function formatPlace(place: Place): string {
  return place.city ? `${place.country}:${place.city}` : place.country;
}

export function parsePlace(text: string): Place {
  const separator = text.indexOf(':');
  return separator < 0 ? { country: text } : { country: text.slice(0, separator), city: text.slice(separator + 1) };
}
