-- Up Migration

-- What the association sells (issue #15): one row per offer, whose kind never changes (a
-- session of an offer must be of the offer's kind, and a changed kind would be another offer).
create table catalogue_offers (
  offer_id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('workshop', 'training')),
  -- The install's offer of each kind, which documents describe a session by when it names none.
  starter boolean not null default false,
  -- A retired offer is no longer planned; sessions and documents that name it still read it.
  retired_at timestamptz,
  retired_by text,
  created_at timestamptz not null default now(),
  created_by text not null,
  check ((retired_at is null) = (retired_by is null))
);
create unique index catalogue_offers_starter_idx on catalogue_offers (kind) where starter;

-- Each change by staff is a new version, never an edit, so a document names the version it was
-- built from and that version still says what it said (the programme's "version du").
create table catalogue_offer_versions (
  offer_id uuid not null references catalogue_offers (offer_id),
  version integer not null check (version >= 1),
  -- The offer without its id, version and placeholder flag (workflows/rules/catalogue.ts).
  content jsonb not null,
  placeholder boolean not null default false,
  created_at timestamptz not null default now(),
  created_by text not null,
  primary key (offer_id, version)
);

create function catalogue_offer_versions_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'catalogue offer versions are never changed: write a new version';
end $$;
create trigger catalogue_offer_versions_immutable before update or delete on catalogue_offer_versions
  for each row execute function catalogue_offer_versions_immutable();

-- The starter offers say what the documents said before the catalogue, so sessions planned
-- before it keep the same paperwork; staff see them as placeholders until they write their own.
insert into catalogue_offers (offer_id, kind, starter, created_by) values
  ('00000000-0000-4000-8000-000000000001', 'workshop', true, 'install'),
  ('00000000-0000-4000-8000-000000000002', 'training', true, 'install');

insert into catalogue_offer_versions (offer_id, version, content, placeholder, created_by) values
('00000000-0000-4000-8000-000000000001', 1, $json${
  "versionDate": "2024-11-23",
  "title": "Atelier",
  "kind": "workshop",
  "trainingAction": false,
  "objectives": ["Découvrir le thème de l'atelier et échanger sur les pratiques de chacun·e"],
  "audience": "Toute personne concernée par le thème de l'atelier, sans distinction de fonction",
  "prerequisites": "Aucun",
  "durationHours": 3,
  "programme": [{ "title": "Atelier", "content": "Apports, échanges et mise en pratique sur le thème de l'atelier" }],
  "teachingMethods": "Animation participative : apports courts, travail en petits groupes, échanges",
  "assessmentMethod": "Questionnaire de satisfaction à chaud en fin d'atelier",
  "accessibility": "L'atelier est accessible aux personnes en situation de handicap ; contactez-nous avant l'inscription pour étudier les adaptations nécessaires.",
  "accessTime": "2 à 4 semaines entre la demande et l'atelier",
  "trainerQualifications": "Animateur·ices de l'association, formé·es à l'animation de groupes",
  "priceCents": 0,
  "positioningQuestions": [],
  "assessmentQuestions": []
}$json$, true, 'install'),
('00000000-0000-4000-8000-000000000002', 1, $json${
  "versionDate": "2024-11-23",
  "title": "Formation",
  "kind": "training",
  "trainingAction": true,
  "objectives": ["Mettre en pratique dans sa situation de travail les apports de la formation"],
  "audience": "Toute personne concernée par le thème de la formation, sans distinction de fonction",
  "prerequisites": "Aucun ; le test de positionnement préalable permet d'adapter la formation au niveau de chacun·e",
  "durationHours": 7,
  "programme": [
    { "title": "Matin", "content": "Apports et échanges sur le thème de la formation" },
    { "title": "Après-midi", "content": "Mises en situation et retours sur les pratiques" }
  ],
  "teachingMethods": "Pédagogie active : apports courts, exercices en sous-groupes, mises en situation",
  "assessmentMethod": "Test de positionnement avant la formation ; feuille d'émargement signée par demi-journée ; questionnaire de satisfaction à chaud puis à froid, 90 jours après la fin de la formation",
  "accessibility": "La formation est accessible aux personnes en situation de handicap ; contactez le ou la référent·e handicap de l'organisme avant l'inscription pour étudier les adaptations nécessaires.",
  "accessTime": "2 à 4 semaines entre la demande et le début de la formation",
  "trainerQualifications": "Formateur·ices de l'association, expérimenté·es dans le domaine de la formation",
  "priceCents": 0,
  "positioningQuestions": [],
  "assessmentQuestions": []
}$json$, true, 'install');

-- Which catalogue version a generated document was built from; null for uploads and for
-- documents built before the catalogue.
alter table documents
  add column catalogue_offer_id uuid,
  add column catalogue_version integer,
  add foreign key (catalogue_offer_id, catalogue_version) references catalogue_offer_versions (offer_id, version),
  add check ((catalogue_offer_id is null) = (catalogue_version is null));

-- The read model shows which offer an order line names and which version a session delivers.
alter table order_lines add column offer_id uuid;
alter table sessions
  add column offer_id uuid,
  add column offer_version integer,
  add check ((offer_id is null) = (offer_version is null));

-- Down Migration
alter table sessions drop column offer_version, drop column offer_id;
alter table order_lines drop column offer_id;
alter table documents drop column catalogue_version, drop column catalogue_offer_id;
drop table catalogue_offer_versions;
drop function catalogue_offer_versions_immutable();
drop table catalogue_offers;
