/**
 * Hands a file made by the app to the user: the browser's download (in the desktop app, Electron's
 * save dialog). The content never leaves this computer. Text arrives as a string; PDF and Excel,
 * being binary, as base64.
 */
export function saveFile(file: { fileName: string; mimeType: string; content: string } | { fileName: string; mimeType: string; base64: string }): void {
  const body = 'base64' in file ? Uint8Array.from(atob(file.base64), (character) => character.charCodeAt(0)) : file.content;
  const url = URL.createObjectURL(new Blob([body], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the address is released.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
