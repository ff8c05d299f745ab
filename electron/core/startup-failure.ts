import { DatabaseOpenError } from '../../db/connection';
import { KeyringError } from '../services/accounts/keyring';
import { UNEXPECTED_STARTUP_FAILURE, type Bilingual } from './protocol';

export type { Bilingual } from './protocol';

const DATABASE_FAILURES: Record<DatabaseOpenError['reason'], Bilingual> = {
  wrong_key: {
    ar: 'تعذّر فتح قاعدة بيانات وصل: مفتاح التشفير لا يطابق الملف، أو أن الملف ليس قاعدة بيانات وصل.',
    en: 'Wasl cannot open its database: the encryption key does not match the file, or the file is not a Wasl database.',
  },
  key_missing: {
    ar: 'ملف مفتاح قاعدة البيانات القديم (wasl.db.key) تالف، ولا يمكن فتح البيانات دونه. استعده من النسخة الاحتياطية.',
    en: 'The old database key file (wasl.db.key) is damaged, and the data cannot be opened without it. Restore it from the backup.',
  },
  not_encrypted_build: {
    ar: 'مكتبة قاعدة البيانات المرفقة لا تدعم التشفير، ولن يحفظ وصل أي بيانات دون تشفير. أعد تثبيت البرنامج.',
    en: 'The bundled database library cannot encrypt, and Wasl will not store any data unencrypted. Please reinstall Wasl.',
  },
  newer_version: {
    ar: 'قاعدة البيانات محفوظة بإصدار أحدث من وصل. ثبّت الإصدار الأحدث لفتحها.',
    en: 'The database was saved by a newer version of Wasl. Install that version to open it.',
  },
  corrupt: {
    ar: 'ملف قاعدة البيانات تالف أو لا يمكن قراءته. استعد آخر نسخة احتياطية أو تواصل مع مسؤول النظام.',
    en: 'The database file is damaged or cannot be read. Restore the latest backup or contact your administrator.',
  },
  missing: {
    ar: 'ملف قاعدة البيانات (wasl.db) مفقود مع أن ملف المفاتيح موجود. لم يُنشئ وصل قاعدة جديدة كي لا يخفي ذلك؛ أعد الملف أو استعد آخر نسخة احتياطية.',
    en: 'The database file (wasl.db) is missing although its keyring is there. Wasl did not create a new one, so as not to hide this: put the file back or restore the latest backup.',
  },
};

const KEYRING_FAILURES: Record<KeyringError['reason'], Bilingual> = {
  missing: {
    ar: 'ملف المفاتيح (wasl.keyring) مفقود، ولا يمكن فتح البيانات المشفرة دونه. أعده من النسخة الاحتياطية (يُحفظ مع كل نسخة) ثم شغّل وصل.',
    en: 'The keyring file (wasl.keyring) is missing, and the encrypted data cannot be opened without it. Put it back from a backup (every backup holds it), then start Wasl.',
  },
  damaged: {
    ar: 'ملف المفاتيح (wasl.keyring) تالف ولا يمكن قراءته. أعده من النسخة الاحتياطية ثم شغّل وصل.',
    en: 'The keyring file (wasl.keyring) is damaged and cannot be read. Put it back from a backup, then start Wasl.',
  },
};

/** What the person starting Wasl reads when it cannot start: a sentence in Arabic and English, no stack trace. */
export function startupFailureMessage(error: unknown): Bilingual {
  if (error instanceof DatabaseOpenError) return DATABASE_FAILURES[error.reason];
  if (error instanceof KeyringError) return KEYRING_FAILURES[error.reason];
  return UNEXPECTED_STARTUP_FAILURE;
}
