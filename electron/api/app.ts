import { z } from 'zod';
import { call } from './define';

export const LANGUAGES = ['ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface AppInfo {
  version: string;
  /** The folder holding the database; shown so an administrator knows what to back up. */
  dataDirectory: string;
  schemaVersion: number;
}

export interface Preferences {
  language: Language;
}

export interface District {
  id: string;
  code: string;
  nameAr: string;
  nameEn: string;
}

export const appCalls = {
  'app.info': call('self', z.object({})).returns<AppInfo>(),
  'preferences.get': call('self', z.object({})).returns<Preferences>(),
  'preferences.setLanguage': call(
    'self',
    z.object({ language: z.enum(LANGUAGES, { error: 'validation.choice' }) }),
  ).returns<Preferences>(),
  'lookups.districts': call('beneficiaries.view', z.object({})).returns<District[]>(),
};
