/** Saves text as a file the browser downloads: a Blob behind a temporary `<a download>`, no permission needed. */
export function downloadText(
  filename: string,
  mimeType: string,
  text: string,
  doc: Document = document,
): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked after the click has been handled; revoking at once can cancel the download in Firefox.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** A file the reader picked, as text; files larger than `maxBytes` are refused before reading. */
export async function readPickedFile(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) {
    throw new Error(
      `The file is ${(file.size / 1_000_000).toFixed(1)} MB, larger than any export; it was not read.`,
    );
  }
  return file.text();
}
