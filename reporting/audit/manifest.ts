/** What the bundle's manifest.json says of each file: an auditor checks the files against it. */
export interface ManifestFile {
  path: string;
  /** A document's kind, or what else the file is (extract, report, index). */
  kind: string;
  sha256: string;
  size: number;
  documentId: string | null;
  version: number | null;
  organisationSettingsVersion: number | null;
  catalogueOfferId: string | null;
  catalogueVersion: number | null;
  /** How the file relates to the stored document: its sealed PDF, the upload itself, or the docx. */
  form: 'sealedPdf' | 'upload' | 'docx' | 'generated';
  /** Sha256 of the stored document the PDF was made from (the docx), for a document. */
  sourceSha256: string | null;
  /** Older versions stay in the bundle, under versions/, for what was sent before a re-issue. */
  latest: boolean;
}

export interface Manifest {
  missionId: string;
  sessionId: string | null;
  generatedAt: string;
  consistent: boolean;
  files: ManifestFile[];
}
