import { LANGUAGES, SPECIALTIES } from '../../../../contracts/taxonomy';
import { documentText } from '../../platform/search-text';

/** Specialty and language codes as searchable words in both languages. */
function termNames(codes: readonly string[]) {
  const all = [...SPECIALTIES, ...LANGUAGES];
  return codes.flatMap((c) => {
    const t = all.find((x) => x.code === c);
    return t ? [t.zh, t.en] : [c];
  });
}

/** The text a worker is found by: name, notes, specialties and languages. */
export function workerSearchDocument(w: {
  name: string;
  notes: string;
  specialties: readonly string[];
  languages: readonly string[];
}) {
  return documentText({ names: [w.name], texts: [w.notes, ...termNames(w.specialties), ...termNames(w.languages)] });
}
