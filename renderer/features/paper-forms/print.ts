import type { Api } from '../../../electron/api/contract';
import type { PaperLanguage } from '../../../electron/api/paper-forms';
import type { ApiError } from '../../../electron/api/result';
import { saveFile } from '../../lib/save-file';

/**
 * Prints an offer's paper form: the PDF, with its response code, saved as the other printed
 * documents are (the browser's download; in the desktop app, the save dialog). The refusal, if any,
 * is returned for the screen to show.
 */
export async function printPaperForm(api: Api, offerId: string, language: PaperLanguage): Promise<ApiError | null> {
  const result = await api['paperForms.form']({ offerId, language });
  if (!result.ok) return result.error;
  saveFile(result.value);
  return null;
}
