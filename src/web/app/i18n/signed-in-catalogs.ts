import type { CatalogPart } from './catalogs';
import { signedInEn } from './signed-in.en';
import { signedInEs } from './signed-in.es';

export const signedInCatalogs: CatalogPart = { en: signedInEn, es: signedInEs };
