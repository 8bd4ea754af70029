/**
 * The catalogue offer form: its fields, reading what staff typed into the API's body, and
 * putting each refusal (the console's own, the rule's, the API's) beside its field in French
 * or English. A question set is edited as JSON, the format POSITIONING_QUESTIONS_FILE uses.
 */
import { radios, textArea, textField } from '../pages/forms.ts';
import { type Html, html } from '../pages/html.ts';
import { type Language, parseAmountCents } from '../pages/i18n.ts';
import type { FieldError } from '../pages/layout.ts';
import { halfDayRange, type OfferContent, type TrainingOffer } from '../workflows/rules/catalogue.ts';
import type { Problem } from './api/client.ts';
import { group } from './fields.ts';
import { KIND } from './words.ts';

/** What the form holds: every field as typed, steps as step-N-title / step-N-content. */
export type OfferForm = Record<string, string>;

const T = {
  title: { fr: 'Intitulé', en: 'Title' },
  titleHint: {
    fr: 'Comme le programme et la convention le nomment.',
    en: 'As the programme and the agreement name it.',
  },
  kind: { fr: 'Nature', en: 'Nature' },
  kindHint: {
    fr: 'Une formation est une action de formation (convention, programme, certificat de réalisation) ; un atelier reçoit une attestation de participation. La nature ne change plus ensuite.',
    en: 'A training is a training action (agreement, programme, certificat de réalisation); a workshop gets an attestation of participation. The nature cannot change afterwards.',
  },
  objectives: { fr: 'Objectifs opérationnels', en: 'Operational objectives' },
  objectivesHint: {
    fr: 'Un objectif par ligne, chacun évaluable : « Construire le déroulé d’un atelier de trois heures ».',
    en: 'One objective per line, each one assessable: “Design the running order of a three-hour workshop”.',
  },
  audience: { fr: 'Public visé', en: 'Audience' },
  prerequisites: { fr: 'Prérequis', en: 'Prerequisites' },
  prerequisitesHint: { fr: 'Écrivez « Aucun » s’il n’y en a pas.', en: 'Write “Aucun” if there are none.' },
  hours: { fr: 'Durée (heures)', en: 'Duration (hours)' },
  hoursHint: { fr: 'Au quart d’heure : 14, 3,5 ou 10,75.', en: 'In quarter hours: 14, 3.5 or 10.75.' },
  programme: { fr: 'Programme, une étape par demi-journée', en: 'Programme, one step per half-day' },
  programmeHint: {
    fr: 'Une demi-journée dure de 2 à 3,5 heures : 14 heures font 4 à 7 étapes. Laissez vides les étapes en trop.',
    en: 'A half-day lasts 2 to 3.5 hours: 14 hours make 4 to 7 steps. Leave the extra steps empty.',
  },
  step: { fr: 'Demi-journée', en: 'Half-day' },
  stepTitle: { fr: 'Titre', en: 'Title' },
  stepContent: { fr: 'Contenu', en: 'Content' },
  methods: { fr: 'Méthodes mobilisées', en: 'Teaching methods' },
  assessment: { fr: 'Modalités d’évaluation', en: 'Assessment method' },
  accessibility: { fr: 'Accessibilité aux personnes handicapées', en: 'Accessibility' },
  accessTime: { fr: 'Délai d’accès', en: 'Access time' },
  accessTimeHint: {
    fr: 'Entre la demande et le début : « 2 à 4 semaines ».',
    en: 'Between the request and the start: “2 à 4 semaines”.',
  },
  trainers: { fr: 'Qualifications des formateur·ices', en: 'Trainers’ qualifications' },
  price: { fr: 'Prix d’une session, hors taxes (€)', en: 'Price of one session, before tax (€)' },
  positioning: { fr: 'Questions du test de positionnement (JSON)', en: 'Positioning test questions (JSON)' },
  positioningHint: {
    fr: 'Vide : les questions par défaut. Même format que POSITIONING_QUESTIONS_FILE.',
    en: 'Empty: the default questions. The same format as POSITIONING_QUESTIONS_FILE.',
  },
  assessmentQuestions: {
    fr: 'Questions de l’évaluation des acquis (JSON)',
    en: 'End-of-training assessment questions (JSON)',
  },
  assessmentQuestionsHint: {
    fr: 'Vide : pas de questions propres à cette offre.',
    en: 'Empty: no questions of this offer’s own.',
  },
} as const;

const FRENCH: Record<string, string> = {
  REQUIRED: 'Ce champ est obligatoire.',
  TOO_LONG: 'Ce texte est trop long.',
  OBJECTIVES_MISSING: 'Donnez au moins un objectif opérationnel.',
  DURATION_INVALID: 'Saisissez une durée positive en heures, au quart d’heure (par exemple 14 ou 3,5).',
  PROGRAMME_MISSING: 'Décrivez au moins une étape du programme.',
  PRICE_INVALID: 'Saisissez un prix positif ou nul, en euros.',
  NATURE_KIND_MISMATCH: 'La nature ne correspond pas au type de session.',
  KIND_INVALID: 'Choisissez une nature.',
};

const TEXTS = [
  'audience',
  'prerequisites',
  'teachingMethods',
  'assessmentMethod',
  'accessibility',
  'trainerQualifications',
] as const;
const MOST_STEPS = 30;

/** The form as an offer fills it, with two empty steps to add half-days. */
export function formOfOffer(offer: TrainingOffer | null): OfferForm {
  if (!offer) return { kind: 'training', 'step-1-title': '', 'step-1-content': '' };
  const form: OfferForm = {
    title: offer.title,
    kind: offer.kind,
    objectives: offer.objectives.join('\n'),
    durationHours: String(offer.durationHours),
    accessTime: offer.accessTime,
    price: (offer.priceCents / 100).toFixed(2),
    positioningQuestions:
      offer.positioningQuestions.length > 0 ? JSON.stringify(offer.positioningQuestions, null, 2) : '',
    assessmentQuestions:
      offer.assessmentQuestions.length > 0 ? JSON.stringify(offer.assessmentQuestions, null, 2) : '',
  };
  for (const name of TEXTS) form[name] = offer[name];
  offer.programme.forEach((step, index) => {
    form[`step-${index + 1}-title`] = step.title;
    form[`step-${index + 1}-content`] = step.content;
  });
  return form;
}

/** What was posted, field by field, as typed. */
export function formOfBody(body: unknown, read: (name: string) => string): OfferForm {
  const names = [
    'title',
    'kind',
    'objectives',
    'durationHours',
    'accessTime',
    'price',
    'positioningQuestions',
    'assessmentQuestions',
    ...TEXTS,
  ];
  const form: OfferForm = Object.fromEntries(names.map((name) => [name, read(name)]));
  for (let step = 1; step <= MOST_STEPS; step++)
    for (const part of ['title', 'content'])
      if (body && typeof body === 'object' && `step-${step}-${part}` in body)
        form[`step-${step}-${part}`] = read(`step-${step}-${part}`);
  return form;
}

const stepNumbers = (form: OfferForm) =>
  Object.keys(form)
    .map((name) => /^step-(\d+)-title$/.exec(name)?.[1])
    .filter((number): number is string => number !== undefined)
    .map(Number)
    .sort((a, b) => a - b);

/** The API's body, or the fields the console itself cannot read (a number, JSON). */
export function readOfferForm(
  form: OfferForm,
  language: Language,
  fixedKind: TrainingOffer['kind'] | null,
): { body: OfferContent } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, fr: string, en: string) =>
    errors.push({ field, message: language === 'fr' ? fr : en });
  const kind =
    fixedKind ?? (form.kind === 'workshop' ? 'workshop' : form.kind === 'training' ? 'training' : null);
  if (!kind) fail('kind', 'Choisissez une nature.', 'Choose a nature.');

  const hours = Number((form.durationHours ?? '').trim().replace(',', '.'));
  if ((form.durationHours ?? '').trim() === '' || Number.isNaN(hours))
    fail(
      'durationHours',
      'Saisissez un nombre d’heures, par exemple 14 ou 3,5.',
      'Enter hours, e.g. 14 or 3.5.',
    );
  const priceCents = parseAmountCents(form.price ?? '');
  if (priceCents === null)
    fail(
      'price',
      'Saisissez un prix en euros, par exemple 1 800 ou 950,50.',
      'Enter a price in euros, e.g. 1800 or 950.50.',
    );

  const questions = (field: 'positioningQuestions' | 'assessmentQuestions') => {
    const raw = (form[field] ?? '').trim();
    if (raw === '') return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return parsed;
    } catch {}
    fail(
      field,
      'Ce n’est pas une liste JSON de questions : vérifiez les crochets, les virgules et les guillemets.',
      'This is not a JSON list of questions: check the brackets, commas and quotes.',
    );
    return [];
  };
  const positioningQuestions = questions('positioningQuestions');
  const assessmentQuestions = questions('assessmentQuestions');
  if (errors.length > 0 || !kind || priceCents === null) return { errors };

  const programme = stepNumbers(form)
    .map((step) => ({
      title: (form[`step-${step}-title`] ?? '').trim(),
      content: (form[`step-${step}-content`] ?? '').trim(),
    }))
    .filter((step) => step.title !== '' || step.content !== '');
  return {
    body: {
      title: (form.title ?? '').trim(),
      kind,
      // The rule wants the nature to follow the kind; the form does not ask twice.
      trainingAction: kind === 'training',
      objectives: (form.objectives ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
      audience: (form.audience ?? '').trim(),
      prerequisites: (form.prerequisites ?? '').trim(),
      durationHours: hours,
      programme,
      teachingMethods: (form.teachingMethods ?? '').trim(),
      assessmentMethod: (form.assessmentMethod ?? '').trim(),
      accessibility: (form.accessibility ?? '').trim(),
      accessTime: (form.accessTime ?? '').trim(),
      trainerQualifications: (form.trainerQualifications ?? '').trim(),
      priceCents,
      positioningQuestions,
      assessmentQuestions,
    },
  };
}

/**
 * A JSON pointer into the body (the rule's `/programme/2/title`, the schema's
 * `body/programme/2/title`) to the form's field. Steps are shown in the order sent, and empty
 * ones are not sent, so the pointer's index is the index among the filled steps.
 */
function fieldOf(path: string, form: OfferForm): string {
  const parts = path.replace(/^body/, '').split('/').filter(Boolean);
  const [head, index, part] = parts;
  if (head === 'programme' && index !== undefined && part) {
    const filled = stepNumbers(form).filter(
      (step) =>
        (form[`step-${step}-title`] ?? '').trim() !== '' ||
        (form[`step-${step}-content`] ?? '').trim() !== '',
    );
    const step = filled[Number(index)] ?? 1;
    return `step-${step}-${part === 'content' ? 'content' : 'title'}`;
  }
  if (head === 'priceCents') return 'price';
  if (head === 'trainingAction') return 'kind';
  return head ?? 'title';
}

/** An API refusal of an offer, each error beside its field, in the page's language. */
export function offerProblemErrors(problem: Problem, form: OfferForm, language: Language): FieldError[] {
  const codes = (problem.violations ?? []).map((violation) => violation.code);
  const errors = problem.errors ?? [];
  if (errors.length === 0) return [{ field: 'title', message: problem.detail }];
  return errors.map((error, index) => {
    const field = fieldOf(error.path, form);
    if (language === 'en') return { field, message: error.message };
    const code = codes[index] ?? '';
    if (code === 'PROGRAMME_HALF_DAYS') {
      const hours = Number((form.durationHours ?? '').replace(',', '.'));
      const { min, max } = halfDayRange(hours);
      const count = /not (\d+)/.exec(error.message)?.[1] ?? '?';
      return {
        field: 'programme',
        message: `${form.durationHours} heures font ${min === max ? min : `${min} à ${max}`} demi-journées de 2 à 3,5 heures : décrivez une étape par demi-journée, pas ${count}.`,
      };
    }
    if (code === 'QUESTION_SET_INVALID')
      return {
        field,
        message: `Question refusée (${error.path.replace(/^\/\w+\//, 'n° ')}) : ${error.message}`,
      };
    return { field, message: FRENCH[code] ?? `Valeur refusée (${error.message}).` };
  });
}

/** Every field of the form; the nature is chosen once, when the offer is added. */
export function offerFields(
  form: OfferForm,
  errors: FieldError[],
  language: Language,
  kindFixed: boolean,
): Html {
  const text = (id: string, label: string, hint?: string) =>
    textArea({ id, label, errors, value: form[id] ?? '', rows: 3, ...(hint ? { hint } : {}) });
  const steps = stepNumbers(form);
  const shown = Math.min(MOST_STEPS, Math.max(2, (steps.at(-1) ?? 0) + 2));
  const programmeError = errors.find((error) => error.field === 'programme');
  return html`${textField({ id: 'title', label: T.title[language], hint: T.titleHint[language], errors, value: form.title ?? '', maxlength: 200 })}
${
  kindFixed
    ? html`<p><strong>${T.kind[language]}</strong> : ${KIND[form.kind === 'workshop' ? 'workshop' : 'training'][language]}</p>`
    : radios({
        id: 'kind',
        label: T.kind[language],
        hint: T.kindHint[language],
        errors,
        inline: true,
        value: form.kind ?? '',
        choices: (['training', 'workshop'] as const).map((kind) => ({
          value: kind,
          label: KIND[kind][language],
        })),
      })
}
${textArea({ id: 'objectives', label: T.objectives[language], hint: T.objectivesHint[language], errors, value: form.objectives ?? '', rows: 5 })}
${text('audience', T.audience[language])}
${text('prerequisites', T.prerequisites[language], T.prerequisitesHint[language])}
${textField({ id: 'durationHours', label: T.hours[language], hint: T.hoursHint[language], errors, value: form.durationHours ?? '', inputmode: 'decimal', maxlength: 10 })}
<fieldset class="field${programmeError ? ' field-error' : ''}" id="programme" aria-describedby="programme-hint${programmeError ? ' programme-error' : ''}">
<legend>${T.programme[language]}</legend>
<p class="hint" id="programme-hint">${T.programmeHint[language]}</p>
${programmeError ? html`<p class="error-message" id="programme-error">${programmeError.message}</p>` : ''}
${Array.from({ length: shown }, (_, index) => index + 1).map((step) =>
  group(
    `${T.step[language]} ${step}`,
    html`${textField({ id: `step-${step}-title`, label: T.stepTitle[language], errors, value: form[`step-${step}-title`] ?? '', maxlength: 300 })}${textArea({ id: `step-${step}-content`, label: T.stepContent[language], errors, value: form[`step-${step}-content`] ?? '', rows: 2 })}`,
  ),
)}
</fieldset>
${text('teachingMethods', T.methods[language])}
${text('assessmentMethod', T.assessment[language])}
${text('accessibility', T.accessibility[language])}
${textField({ id: 'accessTime', label: T.accessTime[language], hint: T.accessTimeHint[language], errors, value: form.accessTime ?? '', maxlength: 300 })}
${text('trainerQualifications', T.trainers[language])}
${textField({ id: 'price', label: T.price[language], errors, value: form.price ?? '', inputmode: 'decimal', maxlength: 20 })}
${textArea({ id: 'positioningQuestions', label: T.positioning[language], hint: T.positioningHint[language], errors, value: form.positioningQuestions ?? '', rows: 6 })}
${textArea({ id: 'assessmentQuestions', label: T.assessmentQuestions[language], hint: T.assessmentQuestionsHint[language], errors, value: form.assessmentQuestions ?? '', rows: 6 })}`;
}
