/**
 * The bundle's index.html: what an auditor opens first, in French. The consistency report on
 * top (what is wrong or missing, and the fix), then every file of the archive by session, with
 * what it is, its version and checksum. One page, no script, readable offline and printable.
 */
import { formatDate, formatDateTime, formatNumber } from '../../activities/format/french.ts';
import type { Extract } from './extracts.ts';
import type { Manifest, ManifestFile } from './manifest.ts';
import type { AuditReport, MissionAudit } from './read-audit.ts';

const KIND_LABELS: Record<string, string> = {
  quote: 'Devis',
  agreement: 'Convention de formation',
  contract: 'Contrat de formation',
  programme: 'Programme',
  convocation: 'Convocation',
  attendanceSheet: 'Feuille d’émargement',
  signedAttendanceSheet: 'Feuille d’émargement signée (téléversée)',
  certificate: 'Certificat de réalisation / attestation de participation',
  endOfTrainingAttestation: 'Attestation de fin de formation',
  selfBillingInvoice: 'Facture d’autofacturation',
  supplierInvoice: 'Facture du prestataire (téléversée)',
  clientInvoice: 'Facture au client',
  funderInvoice: 'Facture au financeur',
  extract: 'Extrait',
  consistencyReport: 'Rapport de cohérence (JSON)',
};

const html = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A workshop's certificate is an attestation de participation, a training's a certificat de réalisation. */
const label = (kind: string, sessionKind: 'workshop' | 'training' | null) =>
  kind === 'certificate' && sessionKind !== null
    ? sessionKind === 'training'
      ? 'Certificat de réalisation'
      : 'Attestation de participation'
    : (KIND_LABELS[kind] ?? kind);

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} o` : `${formatNumber(Math.round(bytes / 102.4) / 10)} Ko`;
}

function reportSection(report: AuditReport, files: ManifestFile[]): string {
  const pathOf = (documentId: string) =>
    files.find((file) => file.documentId === documentId && file.latest)?.path;
  if (report.consistent)
    return `<p class="ok"><strong>Dossier cohérent.</strong> Les heures, intitulés et dates concordent entre les documents, et toutes les pièces attendues sont présentes.</p>`;
  const sessions = report.sessions
    .filter((session) => session.findings.length > 0)
    .map(
      (session) =>
        `<h3>${html(session.title)}</h3><ul>${session.findings
          .map((finding) => {
            const documents = finding.documentIds
              .map((id) => pathOf(id))
              .filter((path): path is string => path !== undefined)
              .map((path) => `<a href="${html(path)}">${html(path.split('/').pop() ?? path)}</a>`)
              .join(', ');
            return `<li class="${finding.severity}"><strong>${finding.severity === 'mismatch' ? 'Incohérence' : 'Pièce manquante'}</strong> (${finding.code}) : ${html(finding.problem.fr)}${documents ? `<br>Documents : ${documents}` : ''}<br>À faire : ${html(finding.fix.fr)}</li>`;
          })
          .join('')}</ul>`,
    )
    .join('');
  return `<p class="ko"><strong>Le dossier présente des écarts.</strong></p>${sessions}`;
}

function fileTable(files: ManifestFile[], kind: 'workshop' | 'training' | null): string {
  const rows = files
    .map(
      (file) =>
        `<tr><td><a href="${html(file.path)}">${html(file.path.split('/').pop() ?? file.path)}</a></td><td>${html(label(file.kind, kind))}${file.form === 'docx' ? ' <em>(non scellé)</em>' : ''}</td><td>${file.version ?? ''}</td><td>${file.organisationSettingsVersion ?? ''}</td><td>${file.catalogueVersion ?? ''}</td><td class="num">${size(file.size)}</td><td><code title="${file.sha256}">${file.sha256.slice(0, 16)}…</code></td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th scope="col">Fichier</th><th scope="col">Nature</th><th scope="col">Version</th><th scope="col">Paramètres de l’organisme</th><th scope="col">Catalogue</th><th scope="col">Taille</th><th scope="col">SHA-256</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function indexPage(
  audit: MissionAudit,
  report: AuditReport,
  manifest: Manifest,
  extracts: Extract[],
): string {
  const { mission } = audit;
  const groups = new Map<string, ManifestFile[]>();
  for (const file of manifest.files) {
    const folder = file.path.startsWith('sessions/')
      ? file.path.split('/').slice(0, 2).join('/')
      : (file.path.split('/')[0] ?? '');
    groups.set(folder, [...(groups.get(folder) ?? []), file]);
  }
  const heading = (folder: string) => {
    const session = audit.sessions.find((s) => folder.endsWith(s.session.sessionId.slice(0, 8)));
    if (session)
      return `${session.session.kind === 'training' ? 'Formation' : 'Atelier'} « ${html(session.session.title)} » du ${formatDate(session.facts.from)}${session.facts.to !== session.facts.from ? ` au ${formatDate(session.facts.to)}` : ''} — ${formatNumber(session.facts.plannedHours)} h`;
    if (folder === 'mission') return 'Pièces de la mission (factures)';
    if (folder === 'extraits')
      return `Extraits (CSV et JSON) : ${extracts.map((e) => `${html(e.title.toLowerCase())} (${e.rows.length})`).join(', ')}`;
    return 'Rapport';
  };
  const sections = [...groups.entries()]
    .map(([folder, files]) => {
      const session = audit.sessions.find((s) => folder.endsWith(s.session.sessionId.slice(0, 8)));
      return `<section><h2>${heading(folder)}</h2>${fileTable(files, session?.session.kind ?? null)}</section>`;
    })
    .join('');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Dossier d’audit — ${html(mission.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1b1b; max-width: 70rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #b1b4b6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
.ok { border-left: 6px solid #00703c; padding: .5rem 1rem; background: #f3f2f1; }
.ko { border-left: 6px solid #d4351c; padding: .5rem 1rem; background: #f3f2f1; }
li { margin-bottom: .6rem; } li.mismatch strong { color: #d4351c; }
code { font-size: .85rem; }
</style>
</head>
<body>
<h1>Dossier d’audit — ${html(mission.title)}</h1>
<p>Client : ${html(mission.clientName)}. Coordination : ${html(mission.coordinatorName)}. Dossier ${manifest.sessionId ? 'd’une session' : 'de la mission'}, constitué le ${formatDateTime(manifest.generatedAt)}.</p>
<p>Chaque document est le PDF scellé reçu par son destinataire (les pièces téléversées telles quelles). Le fichier <a href="manifest.json">manifest.json</a> donne l’empreinte SHA-256 et la taille de chaque fichier, et les versions des paramètres de l’organisme et du catalogue dont il est issu.</p>
<h2>Rapport de cohérence</h2>
${reportSection(report, manifest.files)}
${sections}
</body>
</html>
`;
}
