/**
 * A session's page, one tab at a time (seed 000's "onglet Animateur·ices", participants):
 * facilitators — slots, invitations and their states, status, manager approval, payout tag,
 * inviting one from the directory, the share link; participants — who is registered, adding one
 * or pasting a list, and the capped registration links (create, list, revoke).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { button, form, panel, radios, summaryList, textArea, textField } from '../../pages/forms.ts';
import { type Html, html } from '../../pages/html.ts';
import { formatDateTime, type Language } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import {
  ApiProblem,
  answer,
  type FollowUp,
  type Invitation,
  type Mission,
  type RegistrationLink,
  type Schemas,
  type Session,
  type Staffing,
} from '../api/client.ts';
import { field, language, type SignedIn, seeOther, sendPage } from '../context.ts';
import { input, select } from '../fields.ts';
import { renderConsolePage } from '../layout.ts';
import { fieldErrors, type ProblemFields } from '../problems.ts';
import type { ConsoleRoutes } from '../routes.ts';
import {
  APPROVAL,
  badge,
  FACILITATOR_STATUS,
  INVITATION_STATUS,
  KIND,
  PAYOUT_TAG,
  SESSION_STATUS,
} from '../words.ts';
import { MANAGER_SILENCE } from './client-settings.ts';
import { sessionPlace, sessionTimes } from './mission.ts';

export type Tab = 'facilitators' | 'participants' | 'attendance' | 'funding' | 'messages' | 'emails';

const T = {
  facilitators: { fr: 'Animateur·ices', en: 'Facilitators' },
  participants: { fr: 'Participant·es', en: 'Participants' },
  attendance: { fr: 'Émargement', en: 'Attendance' },
  funding: { fr: 'Financement', en: 'Funding' },
  messages: { fr: 'Messages', en: 'Messages' },
  emails: { fr: 'E-mails envoyés', en: 'E-mails sent' },
  noEmail: { fr: 'Aucun e-mail envoyé pour cette session.', en: 'No e-mail sent for this session.' },
  rejected: { fr: 'refusé par le service d’envoi', en: 'rejected by the mail service' },
  to: { fr: 'À', en: 'To' },
  tabs: { fr: 'Onglets de la session', en: 'Session tabs' },
  when: { fr: 'Quand', en: 'When' },
  where: { fr: 'Lieu', en: 'Place' },
  status: { fr: 'État', en: 'Status' },
  capacity: { fr: 'Places', en: 'Places' },
  offer: { fr: 'Offre du catalogue', en: 'Catalogue offer' },
  noOffer: {
    fr: 'Aucune : les documents reprennent l’offre d’exemple de son type',
    en: 'None: documents use the sample offer of its kind',
  },
  slots: { fr: 'Places d’animateur·ices', en: 'Facilitator slots' },
  slotsText: {
    fr: (s: Staffing['slots']) => `${s.total} place(s) : ${s.taken} prise(s), ${s.open} ouverte(s)`,
    en: (s: Staffing['slots']) => `${s.total} slot(s): ${s.taken} taken, ${s.open} open`,
  },
  invitations: { fr: 'Invitations', en: 'Invitations' },
  noInvitation: { fr: 'Personne n’est encore invité·e.', en: 'Nobody is invited yet.' },
  note: { fr: 'Note du manager', en: 'Manager’s note' },
  automatic: {
    fr: 'Décision automatique : le manager n’a pas répondu à temps, et',
    en: 'Automatic decision: the manager did not answer in time, and',
  },
  clientRule: { fr: 'la règle du client est :', en: 'the client’s rule is:' },
  approvedBySilence: {
    fr: 'Accord automatique, sans réponse du manager',
    en: 'Approved automatically, no answer from the manager',
  },
  refusedBySilence: {
    fr: 'Refus automatique, sans réponse du manager',
    en: 'Refused automatically, no answer from the manager',
  },
  defaultRule: { fr: 'la règle par défaut est :', en: 'the default rule is:' },
  changeStatus: { fr: 'Changer le statut', en: 'Change the status' },
  statusOf: { fr: 'Statut de', en: 'Status of' },
  invite: { fr: 'Inviter un·e animateur·ice', en: 'Invite a facilitator' },
  inviteLead: {
    fr: 'L’invitation part par e-mail ; seul·es les animateur·ices conformes OF peuvent intervenir.',
    en: 'The invitation goes by e-mail; only compliant facilitators may take part.',
  },
  facilitatorId: { fr: 'Identifiant dans l’annuaire, ou e-mail', en: 'Id in the directory, or e-mail' },
  unknownEmail: {
    fr: 'Personne avec cette adresse dans l’annuaire des animateur·ices.',
    en: 'Nobody with this address in the facilitator directory.',
  },
  facilitatorIdHint: {
    fr: 'Son adresse e-mail, ou l’identifiant de sa fiche dans l’Annuaire, par exemple « marie-martin ».',
    en: 'Their e-mail address, or the id on their card in the Directory, e.g. “marie-martin”.',
  },
  facilitatorPick: { fr: 'Animateur·ice', en: 'Facilitator' },
  facilitatorStatus: { fr: 'Statut sur la mission', en: 'Status on the mission' },
  paidHint: { fr: 'L’association lui verse une rétribution.', en: 'The association pays a payout.' },
  internalHint: {
    fr: 'Salarié·e ou étudiant·e du client, non rémunéré·e par l’association.',
    en: 'An employee or student of the client, not paid by the association.',
  },
  volunteerHint: { fr: 'Uniquement pour les missions de l’enseignement.', en: 'Education missions only.' },
  sendInvite: { fr: 'Envoyer l’invitation', en: 'Send the invitation' },
  invited: { fr: 'Invitation envoyée', en: 'Invitation sent' },
  statusChanged: { fr: 'Statut modifié', en: 'Status changed' },
  share: { fr: 'Lien à partager', en: 'Link to share' },
  shareLead: {
    fr: 'Un lien à transmettre aux animateur·ices de l’annuaire : chacun·e saisit son e-mail et reçoit une invitation personnelle.',
    en: 'A link to pass on to facilitators of the directory: each enters their e-mail and gets a personal invitation.',
  },
  createShare: { fr: 'Créer un lien à partager', en: 'Create a link to share' },
  linkReady: { fr: 'Lien créé : copiez-le maintenant', en: 'Link created: copy it now' },
  linkOnce: {
    fr: 'Il n’est affiché qu’une fois. Il expire le',
    en: 'It is shown only once. It expires on',
  },
  theLink: { fr: 'Le lien', en: 'The link' },
  registered: { fr: 'Inscrit·es', en: 'Registered' },
  registeredText: {
    fr: (n: number, c: number) => `${n} inscrit·e(s) sur ${c} places`,
    en: (n: number, c: number) => `${n} registered of ${c} places`,
  },
  noParticipant: { fr: 'Personne n’est encore inscrit·e.', en: 'Nobody is registered yet.' },
  name: { fr: 'Nom', en: 'Name' },
  email: { fr: 'E-mail', en: 'E-mail' },
  convocation: { fr: 'Convocation', en: 'Convocation' },
  sent: { fr: 'envoyée', en: 'sent' },
  notSent: { fr: 'pas encore envoyée', en: 'not sent yet' },
  addOne: { fr: 'Inscrire une personne', en: 'Register one person' },
  firstName: { fr: 'Prénom', en: 'First name' },
  lastName: { fr: 'Nom', en: 'Last name' },
  register: { fr: 'Inscrire', en: 'Register' },
  paste: { fr: 'Coller une liste', en: 'Paste a list' },
  list: { fr: 'Une personne par ligne', en: 'One person per line' },
  listHint: {
    fr: 'Sous la forme : Prénom Nom <adresse@exemple.fr>. La même adresse deux fois ne compte qu’une fois.',
    en: 'As: First Last <address@example.org>. The same address twice counts once.',
  },
  registerList: { fr: 'Inscrire la liste', en: 'Register the list' },
  registeredDone: { fr: 'Inscriptions enregistrées', en: 'Registrations recorded' },
  links: { fr: 'Liens d’inscription', en: 'Registration links' },
  linksLead: {
    fr: 'Un lien à transmettre au contact du client, qui le fait suivre aux participant·es : chacun·e s’inscrit puis confirme depuis sa boîte mail. Chaque lien a un plafond et peut être retiré.',
    en: 'A link for the client’s contact to forward to participants: each registers, then confirms from their inbox. Each link has a cap and can be withdrawn.',
  },
  noLink: { fr: 'Aucun lien d’inscription.', en: 'No registration link.' },
  cap: { fr: 'Plafond d’inscriptions', en: 'Registration cap' },
  capHint: { fr: 'Vide : la capacité de la session.', en: 'Empty: the session’s capacity.' },
  createLink: { fr: 'Créer un lien d’inscription', en: 'Create a registration link' },
  linkRow: {
    fr: (l: RegistrationLink) => `${l.requests} demande(s), ${l.confirmed} confirmée(s), plafond ${l.cap}`,
    en: (l: RegistrationLink) => `${l.requests} request(s), ${l.confirmed} confirmed, cap ${l.cap}`,
  },
  expires: { fr: 'expire le', en: 'expires on' },
  revoked: { fr: 'Retiré', en: 'Withdrawn' },
  revoke: { fr: 'Retirer ce lien', en: 'Withdraw this link' },
  linkRevoked: { fr: 'Lien retiré', en: 'Link withdrawn' },
  required: {
    facilitatorId: {
      fr: 'Saisissez l’adresse e-mail ou l’identifiant de l’animateur·ice.',
      en: 'Enter the facilitator’s e-mail address or id.',
    },
    firstName: { fr: 'Saisissez le prénom.', en: 'Enter the first name.' },
    lastName: { fr: 'Saisissez le nom.', en: 'Enter the last name.' },
    email: { fr: 'Saisissez l’adresse e-mail.', en: 'Enter the e-mail address.' },
    list: { fr: 'Collez au moins une ligne.', en: 'Paste at least one line.' },
    cap: {
      fr: 'Saisissez un nombre entier, ou laissez vide.',
      en: 'Enter a whole number, or leave it empty.',
    },
  },
  badLines: {
    fr: (lines: number[]) => `Ligne(s) ${lines.join(', ')} : écrivez Prénom Nom <adresse@exemple.fr>.`,
    en: (lines: number[]) => `Line(s) ${lines.join(', ')}: write First Last <address@example.org>.`,
  },
  line: { fr: 'Ligne', en: 'Line' },
};

const DONE: Record<string, Record<Language, string>> = {
  invited: T.invited,
  status: T.statusChanged,
  registered: T.registeredDone,
  revoked: T.linkRevoked,
  recorded: { fr: 'Présences enregistrées', en: 'Attendance recorded' },
  uploaded: { fr: 'Feuille signée déposée', en: 'Signed sheet uploaded' },
  judged: { fr: 'Verdict enregistré', en: 'Verdict recorded' },
  funding: { fr: 'Financement enregistré', en: 'Funding saved' },
  proposal: { fr: 'Proposition envoyée au client', en: 'Proposal sent to the client' },
  decision: { fr: 'Décision enregistrée', en: 'Decision recorded' },
  kept: { fr: 'Formation maintenue, le client payant', en: 'Training kept, the client paying' },
  message: {
    fr: 'Message envoyé : un e-mail à chaque destinataire, en tête de la liste ci-dessous.',
    en: 'Message sent: one e-mail to each recipient, at the top of the list below.',
  },
};

export interface Extras {
  values?: Record<string, string>;
  errors?: FieldError[];
  /** A link the API shows only when it is created. */
  created?: { url: string; expiresAt: string };
}

export interface Loaded {
  mission: Mission;
  session: Session;
}

const STATUS_CHOICES = (lang: Language) => [
  { value: 'paid', label: FACILITATOR_STATUS.paid[lang], hint: T.paidHint[lang] },
  { value: 'internal', label: FACILITATOR_STATUS.internal[lang], hint: T.internalHint[lang] },
  { value: 'volunteer', label: FACILITATOR_STATUS.volunteer[lang], hint: T.volunteerHint[lang] },
];

function createdPanel(created: Extras['created'], lang: Language): Html {
  if (!created) return html``;
  return panel(
    T.linkReady[lang],
    html`<p>${T.linkOnce[lang]} ${formatDateTime(created.expiresAt, lang)}.</p>
<label for="created-link">${T.theLink[lang]}</label>
<input id="created-link" type="text" readonly value="${created.url}" class="copy">`,
  );
}

/** Nobody decided: whose rule silence followed, so the coordinator knows why and whom to ask. */
function silenceDecision(rule: NonNullable<Invitation['approvalRule']>, lang: Language): string {
  const whose = rule.source === 'client' ? T.clientRule[lang] : T.defaultRule[lang];
  return `${T.automatic[lang]} ${whose} ${MANAGER_SILENCE[rule.means][lang]}.`;
}

function invitationCard(
  loaded: Loaded,
  invitation: Invitation,
  staffing: Staffing,
  lang: Language,
  errors: FieldError[],
): Html {
  const payout = staffing.payouts?.find((item) => item.facilitatorId === invitation.facilitator.id);
  const live = invitation.status === 'pending' || invitation.status === 'accepted';
  const statusId = `status-${invitation.facilitator.id}`;
  return html`<li class="card">
<h3>${invitation.facilitator.name}</h3>
<p class="card-meta">${badge(
    INVITATION_STATUS[invitation.status][lang],
    invitation.status === 'accepted' ? 'good' : invitation.status === 'pending' ? 'warn' : 'bad',
  )} ${badge(FACILITATOR_STATUS[invitation.facilitatorStatus][lang])} ${
    invitation.approval === 'not_needed'
      ? ''
      : invitation.approvalRule
        ? badge((invitation.approval === 'approved' ? T.approvedBySilence : T.refusedBySilence)[lang], 'warn')
        : badge(APPROVAL[invitation.approval][lang], 'warn')
  } ${payout ? badge(PAYOUT_TAG[payout.status][lang], payout.status === 'eligible' ? 'warn' : 'neutral') : ''}</p>
${invitation.approvalNote ? html`<p class="card-meta">${T.note[lang]} : ${invitation.approvalNote}</p>` : ''}
${invitation.approvalRule ? html`<p class="card-meta">${silenceDecision(invitation.approvalRule, lang)}</p>` : ''}
${
  live && loaded.mission.status === 'open'
    ? form(
        `/missions/${loaded.mission.id}/sessions/${loaded.session.id}/facilitators/${encodeURIComponent(invitation.facilitator.id)}/status`,
        html`${select({
          id: statusId,
          name: 'status',
          label: `${T.statusOf[lang]} ${invitation.facilitator.name}`,
          errors,
          value: invitation.facilitatorStatus,
          choices: STATUS_CHOICES(lang).map(({ value, label }) => ({ value, label })),
        })}${button(T.changeStatus[lang], { secondary: true })}`,
        { className: 'inline-form' },
      )
    : ''
}
</li>`;
}

function facilitatorsTab(
  loaded: Loaded,
  staffing: Staffing,
  directory: Schemas['Facilitator'][] | null,
  lang: Language,
  extras: Extras,
): Html {
  const errors = extras.errors ?? [];
  const values = extras.values ?? {};
  const base = `/missions/${loaded.mission.id}/sessions/${loaded.session.id}`;
  const open = loaded.mission.status === 'open' && loaded.session.status === 'planned';
  const who = directory
    ? select({
        id: 'facilitatorId',
        label: T.facilitatorPick[lang],
        errors,
        value: values.facilitatorId,
        choices: directory.map((person) => ({
          value: person.id,
          label: `${person.firstName} ${person.lastName} (${person.email})${person.compliance.compliant ? '' : ' — non conforme'}`,
        })),
      })
    : textField({
        id: 'facilitatorId',
        label: T.facilitatorId[lang],
        hint: T.facilitatorIdHint[lang],
        errors,
        value: values.facilitatorId,
        maxlength: 100,
      });
  return html`<h2>${T.slots[lang]}</h2>
<p>${T.slotsText[lang](staffing.slots)}</p>
<h2>${T.invitations[lang]}</h2>
${
  staffing.invitations.length === 0
    ? html`<p>${T.noInvitation[lang]}</p>`
    : html`<ul class="cards">${staffing.invitations.map((invitation) => invitationCard(loaded, invitation, staffing, lang, errors))}</ul>`
}
${
  open
    ? html`<h2 id="invite">${T.invite[lang]}</h2><p>${T.inviteLead[lang]}</p>${form(
        `${base}/invitations`,
        html`${who}${radios({
          id: 'facilitatorStatus',
          label: T.facilitatorStatus[lang],
          errors,
          value: values.facilitatorStatus ?? 'paid',
          choices: STATUS_CHOICES(lang),
        })}${button(T.sendInvite[lang])}`,
      )}
<h2 id="share">${T.share[lang]}</h2><p>${T.shareLead[lang]}</p>${createdPanel(extras.created, lang)}${form(
        // The answer shows the new link in this section: land on it, not on the page's top.
        `${base}/share-links#share`,
        button(T.createShare[lang], { secondary: true }),
      )}`
    : ''
}`;
}

function participantsTab(
  loaded: Loaded,
  followUp: FollowUp,
  links: RegistrationLink[],
  lang: Language,
  extras: Extras,
): Html {
  const errors = extras.errors ?? [];
  const values = extras.values ?? {};
  const base = `/missions/${loaded.mission.id}/sessions/${loaded.session.id}`;
  const open = loaded.mission.status === 'open' && loaded.session.status === 'planned';
  const people = [...followUp.participants].sort((a, b) =>
    `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`, lang),
  );
  return html`<h2>${T.registered[lang]}</h2>
<p>${T.registeredText[lang](people.length, loaded.session.capacity)}</p>
${
  people.length === 0
    ? html`<p>${T.noParticipant[lang]}</p>`
    : html`<ul class="people">${people.map(
        (person) =>
          html`<li><strong>${person.firstName} ${person.lastName}</strong> <span class="email">${person.email}</span> <span class="card-meta">${T.convocation[lang]} ${
            person.convocationSent ? T.sent[lang] : T.notSent[lang]
          }</span></li>`,
      )}</ul>`
}
${
  open
    ? html`<h2 id="add">${T.addOne[lang]}</h2>${form(
        `${base}/participants`,
        html`<div class="group-fields">${textField({ id: 'firstName', label: T.firstName[lang], errors, value: values.firstName, autocomplete: 'off', maxlength: 60 })}${textField({ id: 'lastName', label: T.lastName[lang], errors, value: values.lastName, autocomplete: 'off', maxlength: 60 })}</div>${textField({ id: 'email', type: 'email', label: T.email[lang], errors, value: values.email, autocomplete: 'off', maxlength: 254 })}${button(T.register[lang])}`,
      )}
<h2 id="paste">${T.paste[lang]}</h2>${form(
        `${base}/participants/list`,
        html`${textArea({ id: 'list', label: T.list[lang], hint: T.listHint[lang], errors, value: values.list })}${button(T.registerList[lang])}`,
      )}
<h2 id="links">${T.links[lang]}</h2><p>${T.linksLead[lang]}</p>${createdPanel(extras.created, lang)}
${
  links.length === 0
    ? html`<p>${T.noLink[lang]}</p>`
    : html`<ul class="cards">${links.map(
        (link, index) =>
          html`<li class="card"><p>${T.linkRow[lang](link)} · ${
            link.revokedAt
              ? badge(T.revoked[lang], 'bad')
              : html`${T.expires[lang]} ${formatDateTime(link.expiresAt, lang)}`
          }</p>${
            link.revokedAt
              ? ''
              : form(
                  `${base}/registration-links/${link.id}/revoke`,
                  html`<button type="submit" class="button secondary">${T.revoke[lang]}<span class="visually-hidden"> ${index + 1}</span></button>`,
                  { className: 'inline-form' },
                )
          }</li>`,
      )}</ul>`
}
${form(
  `${base}/registration-links#links`,
  html`${input({ id: 'cap', type: 'number', min: '1', label: T.cap[lang], hint: T.capHint[lang], errors, value: values.cap })}${button(T.createLink[lang], { secondary: true })}`,
)}`
    : ''
}`;
}

async function loadSession(who: SignedIn, missionId: string, sessionId: string): Promise<Loaded> {
  const mission = await answer(who.api.GET('/missions/{missionId}', { params: { path: { missionId } } }));
  const session = mission.sessions.find((candidate) => candidate.id === sessionId);
  if (!session)
    throw new ApiProblem({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: 'SESSION_NOT_FOUND',
      detail: 'No such session.',
    });
  return { mission, session };
}

/**
 * Staff pick from the directory's first page; a coordinator types the person's e-mail, as seed
 * 000 invites, or the id shown in the Directory screen.
 */
async function directoryFor(who: SignedIn): Promise<Schemas['Facilitator'][] | null> {
  if (who.viewer.role !== 'staff') return null;
  const page = await answer(who.api.GET('/facilitators', { params: { query: { limit: 100 } } }));
  return page.items;
}

/**
 * Seed 000: a coordinator invites by the facilitator's e-mail; the API invites by directory id.
 * Other addresses may contain this one (q matches parts): only the exact address counts.
 */
async function idFromEmail(who: SignedIn, email: string): Promise<string | null> {
  const page = await answer(who.api.GET('/facilitators', { params: { query: { q: email, limit: 100 } } }));
  return page.items.find((person) => person.email === email.toLowerCase())?.id ?? null;
}

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  who: SignedIn,
  params: { missionId: string; sessionId: string },
  tab: 'facilitators' | 'participants',
  extras: Extras = {},
  status = 200,
) {
  const path = { missionId: params.missionId, sessionId: params.sessionId };
  return renderSession(request, reply, who, params, tab, extras, status, async (loaded, lang) => {
    if (tab === 'facilitators') {
      const [staffing, directory] = await Promise.all([
        answer(who.api.GET('/missions/{missionId}/sessions/{sessionId}/staffing', { params: { path } })),
        directoryFor(who),
      ]);
      return facilitatorsTab(loaded, staffing, directory, lang, extras);
    }
    const [followUp, links] = await Promise.all([
      answer(who.api.GET('/missions/{missionId}/sessions/{sessionId}/participants', { params: { path } })),
      answer(
        who.api.GET('/missions/{missionId}/sessions/{sessionId}/registration-links', { params: { path } }),
      ),
    ]);
    return participantsTab(loaded, followUp, links, lang, extras);
  });
}

/** A session's page with one tab's content, which `content` builds from the session it loads. */
export async function renderSession(
  request: FastifyRequest,
  reply: FastifyReply,
  who: SignedIn,
  params: { missionId: string; sessionId: string },
  tab: Tab,
  extras: Extras,
  status: number,
  build: (loaded: Loaded, lang: Language) => Promise<Html>,
) {
  const lang = language(request);
  const loaded = await loadSession(who, params.missionId, params.sessionId);
  const content = await build(loaded, lang);
  const { mission, session } = loaded;
  const base = `/missions/${mission.id}/sessions/${session.id}`;
  const done = DONE[(request.query as { done?: string }).done ?? ''];
  const tabLink = (target: Tab, href: string) =>
    html`<li><a href="${href}"${target === tab ? html` aria-current="page"` : ''}>${T[target][lang]}</a></li>`;
  return sendPage(
    reply,
    status,
    renderConsolePage({
      language: lang,
      title: `${session.title} — ${T[tab][lang]}`,
      path: request.url,
      viewer: who.viewer,
      section: 'missions',
      errors: extras.errors ?? [],
      body: html`${done ? panel(done[lang], '') : ''}<p class="breadcrumb"><a href="/missions/${mission.id}">${mission.title}</a></p>
<h1>${session.title}</h1>
${summaryList([
  { key: T.when[lang], value: `${KIND[session.kind][lang]} · ${sessionTimes(session, lang)}` },
  { key: T.where[lang], value: sessionPlace(session) },
  { key: T.status[lang], value: SESSION_STATUS[session.status][lang] },
  { key: T.capacity[lang], value: String(session.capacity) },
  {
    key: T.offer[lang],
    // Without one, its documents describe it by the catalogue's starter offer of its kind.
    value: session.offer ? `${session.offer.title} (v${session.offer.version})` : T.noOffer[lang],
  },
])}
<nav class="tabs" aria-label="${T.tabs[lang]}"><ul>${tabLink('facilitators', base)}${tabLink('participants', `${base}/participants`)}${tabLink('attendance', `${base}/attendance`)}${session.kind === 'training' ? tabLink('funding', `${base}/funding`) : ''}${tabLink('messages', `${base}/messages`)}${tabLink('emails', `${base}/emails`)}</ul></nav>
${content}`,
    }),
  );
}

type Params = { Params: { missionId: string; sessionId: string } };

/** People pasted as "Prénom Nom <email>", one per line; the lines that do not read so are named. */
export function parsePeople(text: string): {
  people: { firstName: string; lastName: string; email: string }[];
  bad: number[];
} {
  const people: { firstName: string; lastName: string; email: string }[] = [];
  const bad: number[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const match = /^(\S+)\s+(.+?)\s*<\s*([^<>\s]+@[^<>\s]+)\s*>$/.exec(line);
    if (match)
      people.push({ firstName: match[1] as string, lastName: match[2] as string, email: match[3] as string });
    else bad.push(index + 1);
  }
  return { people, bad };
}

const PARTICIPANT_CODES = ['CAPACITY_EXCEEDED', 'REGISTRATION_CLOSED', 'DUPLICATE_PARTICIPANT'];

export function sessionScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  const guard = (request: FastifyRequest, reply: FastifyReply) => routes.requireSignIn(request, reply);
  const refusal = (error: unknown) => {
    if (error instanceof ApiProblem && [409, 422].includes(error.problem.status)) return error.problem;
    throw error;
  };
  const base = (params: Params['Params']) => `/missions/${params.missionId}/sessions/${params.sessionId}`;

  app.get<Params>('/missions/:missionId/sessions/:sessionId', async (request, reply) => {
    const who = guard(request, reply);
    return who ? render(request, reply, who, request.params, 'facilitators') : reply;
  });
  app.get<Params>('/missions/:missionId/sessions/:sessionId/participants', async (request, reply) => {
    const who = guard(request, reply);
    return who ? render(request, reply, who, request.params, 'participants') : reply;
  });

  /** The session's e-mail log (DESIGN.md §5: every e-mail sent is listed per session), newest first. */
  app.get<Params>('/missions/:missionId/sessions/:sessionId/emails', async (request, reply) => {
    const who = guard(request, reply);
    if (!who) return reply;
    const path = request.params;
    return renderSession(request, reply, who, path, 'emails', {}, 200, async (_loaded, lang) => {
      const emails = await answer(
        who.api.GET('/missions/{missionId}/sessions/{sessionId}/emails', { params: { path } }),
      );
      const newest = [...emails].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
      return newest.length === 0
        ? html`<p>${T.noEmail[lang]}</p>`
        : html`<ul class="people">${newest.map(
            (email) =>
              html`<li><strong>${email.subject}</strong> <span class="email">${T.to[lang]} : ${email.recipient}</span> <span class="card-meta">${formatDateTime(email.sentAt, lang)}${
                email.status === 'rejected' ? html` · ${badge(T.rejected[lang], 'bad')}` : ''
              }</span></li>`,
          )}</ul>`;
    });
  });

  app.post<Params>('/missions/:missionId/sessions/:sessionId/invitations', async (request, reply) => {
    const who = guard(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const values = {
      facilitatorId: field(request.body, 'facilitatorId'),
      facilitatorStatus: field(request.body, 'facilitatorStatus'),
    };
    const fail = (errors: FieldError[]) =>
      render(request, reply, who, request.params, 'facilitators', { values, errors }, 422);
    if (values.facilitatorId === '')
      return fail([{ field: 'facilitatorId', message: T.required.facilitatorId[lang] }]);
    const status =
      (['paid', 'internal', 'volunteer'] as const).find((s) => s === values.facilitatorStatus) ?? 'paid';
    const facilitatorId = values.facilitatorId.includes('@')
      ? await idFromEmail(who, values.facilitatorId)
      : values.facilitatorId;
    if (facilitatorId === null) return fail([{ field: 'facilitatorId', message: T.unknownEmail[lang] }]);
    try {
      await answer(
        who.api.POST('/missions/{missionId}/sessions/{sessionId}/invitations', {
          params: { path: request.params },
          body: { facilitatorId, facilitatorStatus: status },
        }),
      );
    } catch (error) {
      const fields: ProblemFields = {
        codes: { VOLUNTEER_OUTSIDE_EDUCATION: 'facilitatorStatus' },
        paths: { 'body/facilitatorStatus': 'facilitatorStatus', 'body/facilitatorId': 'facilitatorId' },
        fallback: 'facilitatorId',
      };
      return fail(fieldErrors(refusal(error), fields, lang));
    }
    return seeOther(reply, `${base(request.params)}?done=invited`);
  });

  app.post<{ Params: Params['Params'] & { facilitatorId: string } }>(
    '/missions/:missionId/sessions/:sessionId/facilitators/:facilitatorId/status',
    async (request, reply) => {
      const who = guard(request, reply);
      if (!who) return reply;
      const lang = language(request);
      const status = (['paid', 'internal', 'volunteer'] as const).find(
        (s) => s === field(request.body, 'status'),
      );
      const id = `status-${request.params.facilitatorId}`;
      try {
        await answer(
          who.api.PUT('/missions/{missionId}/sessions/{sessionId}/facilitators/{facilitatorId}/status', {
            params: { path: request.params },
            body: { status: status ?? 'paid' },
          }),
        );
      } catch (error) {
        const errors = fieldErrors(refusal(error), { codes: {}, paths: {}, fallback: id }, lang);
        return render(request, reply, who, request.params, 'facilitators', { errors }, 422);
      }
      return seeOther(reply, `${base(request.params)}?done=status`);
    },
  );

  app.post<Params>('/missions/:missionId/sessions/:sessionId/share-links', async (request, reply) => {
    const who = guard(request, reply);
    if (!who) return reply;
    const created = await answer(
      who.api.POST('/missions/{missionId}/sessions/{sessionId}/share-links', {
        params: { path: request.params },
        body: {},
      }),
    );
    // Shown once, on this answer: the link is a credential and never goes into a redirect's URL.
    return render(request, reply, who, request.params, 'facilitators', { created });
  });

  async function register(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    who: SignedIn,
    people: { firstName: string; lastName: string; email: string }[],
    values: Record<string, string>,
    fields: (problem: ApiProblem['problem']) => FieldError[],
  ) {
    try {
      await answer(
        who.api.POST('/missions/{missionId}/sessions/{sessionId}/participants', {
          params: { path: request.params },
          body: { participants: people },
        }),
      );
    } catch (error) {
      const errors = fields(refusal(error));
      return render(request, reply, who, request.params, 'participants', { values, errors }, 422);
    }
    return seeOther(reply, `${base(request.params)}/participants?done=registered`);
  }

  app.post<Params>('/missions/:missionId/sessions/:sessionId/participants', async (request, reply) => {
    const who = guard(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const values = {
      firstName: field(request.body, 'firstName'),
      lastName: field(request.body, 'lastName'),
      email: field(request.body, 'email'),
    };
    const missing = (['firstName', 'lastName', 'email'] as const)
      .filter((id) => values[id] === '')
      .map((id) => ({ field: id, message: T.required[id][lang] }));
    if (missing.length > 0)
      return render(request, reply, who, request.params, 'participants', { values, errors: missing }, 422);
    return register(request, reply, who, [values], values, (problem) =>
      fieldErrors(
        problem,
        {
          codes: Object.fromEntries(PARTICIPANT_CODES.map((code) => [code, 'email'])),
          paths: {
            'body/participants/0/firstName': 'firstName',
            'body/participants/0/lastName': 'lastName',
            'body/participants/0/email': 'email',
          },
          fallback: 'email',
        },
        lang,
      ),
    );
  });

  app.post<Params>('/missions/:missionId/sessions/:sessionId/participants/list', async (request, reply) => {
    const who = guard(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const values = { list: field(request.body, 'list') };
    const { people, bad } = parsePeople(values.list);
    const fail = (message: string) =>
      render(
        request,
        reply,
        who,
        request.params,
        'participants',
        { values, errors: [{ field: 'list', message }] },
        422,
      );
    if (bad.length > 0) return fail(T.badLines[lang](bad));
    if (people.length === 0) return fail(T.required.list[lang]);
    return register(request, reply, who, people, values, (problem) => {
      // A validation error names the person by index: say which line, in the person's words.
      const errors = fieldErrors(
        problem,
        {
          codes: Object.fromEntries(PARTICIPANT_CODES.map((code) => [code, 'list'])),
          paths: { body: 'list' },
          fallback: 'list',
        },
        lang,
      );
      const line = (problem.errors ?? [])
        .map((error) => /^body\/participants\/(\d+)/.exec(error.path)?.[1])
        .find((index) => index !== undefined);
      const person = line === undefined ? undefined : people[Number(line)];
      return person
        ? errors.map((error) => ({
            ...error,
            message: `${T.line[lang]} « ${person.firstName} ${person.lastName} <${person.email}> » : ${error.message}`,
          }))
        : errors;
    });
  });

  app.post<Params>('/missions/:missionId/sessions/:sessionId/registration-links', async (request, reply) => {
    const who = guard(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const values = { cap: field(request.body, 'cap') };
    if (values.cap !== '' && !/^\d+$/.test(values.cap))
      return render(
        request,
        reply,
        who,
        request.params,
        'participants',
        { values, errors: [{ field: 'cap', message: T.required.cap[lang] }] },
        422,
      );
    let created: RegistrationLink;
    try {
      created = await answer(
        who.api.POST('/missions/{missionId}/sessions/{sessionId}/registration-links', {
          params: { path: request.params },
          body: values.cap === '' ? {} : { cap: Number(values.cap) },
        }),
      );
    } catch (error) {
      const errors = fieldErrors(
        refusal(error),
        { codes: {}, paths: { 'body/cap': 'cap' }, fallback: 'cap' },
        lang,
      );
      return render(request, reply, who, request.params, 'participants', { values, errors }, 422);
    }
    // Shown once, on this answer: the API lists links without their URL afterwards.
    return render(request, reply, who, request.params, 'participants', {
      created: { url: created.url ?? '', expiresAt: created.expiresAt },
    });
  });

  app.post<{ Params: Params['Params'] & { linkId: string } }>(
    '/missions/:missionId/sessions/:sessionId/registration-links/:linkId/revoke',
    async (request, reply) => {
      const who = guard(request, reply);
      if (!who) return reply;
      await answer(
        who.api.DELETE('/missions/{missionId}/sessions/{sessionId}/registration-links/{linkId}', {
          params: { path: request.params },
        }),
      );
      return seeOther(reply, `${base(request.params)}/participants?done=revoked`);
    },
  );
}
