import type { Question } from '../../config/question-schema.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';

const scale = (low: { fr: string; en: string }, high: { fr: string; en: string }) => [
  { value: 1, label: { fr: `1 — ${low.fr}`, en: `1 — ${low.en}` } },
  { value: 2, label: { fr: '2', en: '2' } },
  { value: 3, label: { fr: '3', en: '3' } },
  { value: 4, label: { fr: `4 — ${high.fr}`, en: `4 — ${high.en}` } },
];

const POSITIONING: Question[] = [
  {
    id: 'facilitated',
    kind: 'choice',
    required: true,
    label: {
      fr: 'Avez-vous déjà animé une réunion ou un atelier en groupe ?',
      en: 'Have you already led a meeting or a group workshop?',
    },
    choices: [
      { value: 'never', label: { fr: 'Jamais', en: 'Never' } },
      { value: 'sometimes', label: { fr: 'Quelques fois', en: 'A few times' } },
      { value: 'often', label: { fr: 'Souvent', en: 'Often' } },
    ],
  },
  {
    id: 'confidence',
    kind: 'choice',
    required: true,
    inline: true,
    label: {
      fr: 'À quel point vous sentez-vous à l’aise pour faire participer un groupe ?',
      en: 'How comfortable do you feel getting a group to take part?',
    },
    choices: scale({ fr: 'Pas du tout', en: 'Not at all' }, { fr: 'Tout à fait', en: 'Completely' }),
  },
  {
    id: 'situation',
    kind: 'text',
    required: false,
    maxLength: 2000,
    label: {
      fr: 'Décrivez un atelier que vous aimeriez animer après la formation.',
      en: 'Describe a workshop you would like to lead after the training.',
    },
  },
];

const ASSESSMENT: Question[] = [
  {
    id: 'design',
    kind: 'choice',
    required: true,
    inline: true,
    label: {
      fr: 'Je sais construire le déroulé d’un atelier de trois heures à partir d’un objectif.',
      en: 'I can design the running order of a three-hour workshop from an objective.',
    },
    choices: scale({ fr: 'Pas encore', en: 'Not yet' }, { fr: 'Oui, seul·e', en: 'Yes, on my own' }),
  },
  {
    id: 'techniques',
    kind: 'choice',
    required: true,
    inline: true,
    label: {
      fr: 'Je sais choisir une technique d’animation adaptée à la taille du groupe.',
      en: 'I can choose a facilitation technique suited to the size of the group.',
    },
    choices: scale({ fr: 'Pas encore', en: 'Not yet' }, { fr: 'Oui, seul·e', en: 'Yes, on my own' }),
  },
  {
    id: 'tensions',
    kind: 'choice',
    required: true,
    inline: true,
    label: {
      fr: 'Je sais réagir à une tension ou à une prise de parole monopolisée.',
      en: 'I can respond to tension or to someone taking over the conversation.',
    },
    choices: scale({ fr: 'Pas encore', en: 'Not yet' }, { fr: 'Oui, seul·e', en: 'Yes, on my own' }),
  },
  {
    id: 'caseStudy',
    kind: 'text',
    required: true,
    maxLength: 2000,
    label: {
      fr: 'Cas pratique : comment relanceriez-vous un groupe qui ne participe plus ?',
      en: 'Case study: how would you re-engage a group that has stopped taking part?',
    },
  },
];

/** A training action as staff would enter it: 14 hours over four half-days. */
export const trainingOffer: TrainingOffer = {
  offerId: '7b0c1f2e-4a58-4d1b-9a53-0f6f1f6c2a01',
  version: 1,
  versionDate: '2026-11-02',
  title: 'Animer un atelier participatif',
  kind: 'training',
  trainingAction: true,
  objectives: [
    'Construire le déroulé d’un atelier participatif de trois heures à partir d’un objectif',
    'Choisir et conduire une technique d’animation adaptée à la taille du groupe',
    'Faire émerger et synthétiser les contributions de chaque participant·e',
    'Réagir aux tensions et aux prises de parole monopolisées',
  ],
  audience:
    'Salarié·es, bénévoles et élu·es d’associations, de collectivités ou d’entreprises amené·es à animer des réunions ou des ateliers.',
  prerequisites: 'Aucun prérequis technique ; avoir un projet d’atelier à animer est un plus.',
  durationHours: 14,
  programme: [
    {
      title: 'Poser le cadre d’un atelier',
      content:
        'Objectif, public, livrable attendu ; les rôles de l’animateur·ice ; construire un déroulé minuté.',
    },
    {
      title: 'Les techniques d’animation',
      content:
        'Brise-glace, travail en sous-groupes, world café, photolangage : quand et comment les utiliser.',
    },
    {
      title: 'Faire participer chacun·e',
      content: 'Distribuer la parole, faire émerger les idées, synthétiser et restituer les contributions.',
    },
    {
      title: 'Mise en situation',
      content:
        'Chaque participant·e anime une séquence de son atelier ; retours du groupe et de la formatrice ; gestion des tensions.',
    },
  ],
  teachingMethods:
    'Pédagogie active : apports courts, exercices en sous-groupes, mises en situation filmées ou non, retours entre pairs. Un livret de techniques d’animation est remis à chaque participant·e.',
  assessmentMethod:
    'Questionnaire de positionnement avant la formation ; mise en situation observée par la formatrice avec une grille par objectif ; questionnaire d’évaluation des acquis en fin de formation.',
  accessibility:
    'Formation accessible aux personnes en situation de handicap : contactez notre référente handicap avant l’inscription pour étudier les adaptations nécessaires (supports, rythme, lieu).',
  accessTime: '2 à 4 semaines entre la demande et le début de la formation',
  trainerQualifications:
    'Formatrice en animation de groupes depuis 10 ans, titulaire du titre de formateur professionnel d’adultes (RNCP 37274).',
  priceCents: 180_000,
  positioningQuestions: POSITIONING,
  assessmentQuestions: ASSESSMENT,
  placeholder: false,
};

/** A workshop that is not a training action: no agreement, an attestation de participation. */
export const workshopOffer: TrainingOffer = {
  offerId: '7b0c1f2e-4a58-4d1b-9a53-0f6f1f6c2a02',
  version: 1,
  versionDate: '2026-11-02',
  title: 'Atelier « Fresque de la coopération »',
  kind: 'workshop',
  trainingAction: false,
  objectives: ['Découvrir ensemble ce qui fait coopérer un groupe et ce qui l’en empêche'],
  audience: 'Toute équipe, association ou collectif, de 6 à 20 personnes.',
  prerequisites: 'Aucun.',
  durationHours: 3,
  programme: [
    {
      title: 'La fresque',
      content:
        'Le groupe relie par équipes les cartes de la fresque, puis partage ce qu’il retient pour son propre fonctionnement.',
    },
  ],
  teachingMethods: 'Jeu collaboratif en équipes de 4 à 6 personnes, suivi d’un temps d’échange animé.',
  assessmentMethod: 'Questionnaire de satisfaction à chaud en fin d’atelier.',
  accessibility:
    'Atelier accessible aux personnes en situation de handicap : prévenez-nous avant la date pour que nous adaptions le lieu et les supports.',
  accessTime: '2 semaines entre la demande et l’atelier',
  trainerQualifications: 'Animateur·ice formé·e à la Fresque de la coopération.',
  priceCents: 90_000,
  positioningQuestions: [],
  assessmentQuestions: [],
  placeholder: false,
};
