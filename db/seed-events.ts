import type {
  Confidentiality,
  EventFormat,
  EventMode,
  EventStatus,
  RegistrationMode,
  SessionAccess,
  SessionType,
  Visibility,
} from '@/lib/events/enums';
import type { OrganisationKind } from '@/lib/people/enums';
import type { QuestionKind, QuestionPurpose } from '@/lib/registrations/enums';

// Demo events, realistic and bilingual. Times are wall-clock times in each event's zone.
// Speakers are fictional.

export type SeedSession = {
  type: SessionType;
  titleFr: string;
  titleEn: string;
  room?: string;
  startsAt: string;
  endsAt: string;
  capacity?: number;
  access?: SessionAccess;
  accessOrganisationKinds?: OrganisationKind[];
  chathamHouse?: boolean;
  speakers?: { name: string; function?: string; organisation?: string }[];
};

export type SeedQuestion = {
  /** Names the question for conditions within the seed; ids are the database's. */
  key: string;
  kind: QuestionKind;
  purpose?: QuestionPurpose;
  labelFr: string;
  labelEn: string;
  helpFr?: string;
  helpEn?: string;
  required?: boolean;
  options?: { id: string; labelFr: string; labelEn: string }[];
  showIf?: { key: string; values: string[] };
};

export type SeedEvent = {
  slug: string;
  status: EventStatus;
  format: EventFormat;
  network?: string;
  workingGroup?: string;
  mode: EventMode;
  venueName?: string;
  venueAddress?: string;
  city?: string;
  country?: string;
  onlineUrl?: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  workingLanguages: string[];
  interpretationLanguages?: string[];
  confidentiality: Confidentiality;
  visibility: Visibility;
  registrationMode: RegistrationMode;
  capacity?: number;
  registrationOpensAt?: string;
  registrationClosesAt?: string;
  modificationDeadline?: string;
  titleFr: string;
  titleEn: string;
  summaryFr: string;
  summaryEn: string;
  descriptionFr: string;
  descriptionEn: string;
  sessions: SeedSession[];
  questions?: SeedQuestion[];
};

const NEEDS: SeedQuestion[] = [
  {
    key: 'diet',
    kind: 'long_text',
    purpose: 'diet',
    labelFr: 'Avez-vous des besoins alimentaires particuliers ?',
    labelEn: 'Do you have any dietary requirements?',
    helpFr:
      'Facultatif. Indiquez seulement ce dont le traiteur a besoin. Cette réponse sera effacée après l’événement.',
    helpEn:
      'Optional. Only say what the caterer needs to know. This answer will be erased after the event.',
  },
  {
    key: 'access',
    kind: 'long_text',
    purpose: 'access',
    labelFr: 'Avez-vous des besoins d’accessibilité ?',
    labelEn: 'Do you have any accessibility needs?',
    helpFr:
      'Facultatif. Par exemple : accès de plain-pied, boucle magnétique, documents en gros caractères. Cette réponse sera effacée après l’événement.',
    helpEn:
      'Optional. For example: step-free access, hearing loop, large-print documents. This answer will be erased after the event.',
  },
];

export const DEMO_EVENTS: SeedEvent[] = [
  {
    slug: 'colloque-international-prevention-radicalisation-2027',
    status: 'published',
    format: 'colloquium',
    mode: 'in_person',
    venueName: 'École militaire',
    venueAddress: '1 place Joffre, 75007 Paris',
    city: 'Paris',
    country: 'FR',
    timeZone: 'Europe/Paris',
    // Doors open at 08:30 for the welcome coffee, which is part of the programme.
    startsAt: '2027-04-13T08:30',
    endsAt: '2027-04-14T17:30',
    workingLanguages: ['fr', 'en'],
    interpretationLanguages: ['fr', 'en', 'ar'],
    confidentiality: 'public',
    visibility: 'listed',
    registrationMode: 'approval',
    capacity: 300,
    registrationOpensAt: '2026-11-16T09:00',
    registrationClosesAt: '2027-03-31T23:59',
    modificationDeadline: '2027-04-06T23:59',
    titleFr: 'Colloque international sur la prévention de la radicalisation',
    titleEn: 'International Colloquium on Radicalisation Prevention',
    summaryFr:
      "Deux jours d'échanges entre praticiens, administrations et chercheurs de France et des pays partenaires, dix ans après le colloque de 2016.",
    summaryEn:
      'Two days of exchanges between practitioners, administrations and researchers from France and partner countries, ten years after the 2016 colloquium.',
    descriptionFr:
      "Le SG-CIPDR réunit les acteurs de la prévention de la radicalisation pour partager les pratiques qui ont fait leurs preuves.\n\n### Au programme\n- séances plénières d'ouverture et de conclusion ;\n- **cinq ateliers parallèles** : école, mineurs de retour de zone, santé mentale, prévention en ligne, prison et probation ;\n- une matinée réservée aux administrations.\n\nInterprétation simultanée en français, anglais et arabe. Plus d'informations sur [le site du CIPDR](https://www.cipdr.gouv.fr).",
    descriptionEn:
      'SG-CIPDR brings together those who prevent radicalisation to share practices that have proved themselves.\n\n### Programme\n- opening and closing plenaries;\n- **five parallel workshops**: schools, minors returning from conflict zones, mental health, online prevention, prison and probation;\n- a morning reserved to administrations.\n\nSimultaneous interpretation in French, English and Arabic. More on [the CIPDR website](https://www.cipdr.gouv.fr).',
    sessions: [
      {
        type: 'break',
        titleFr: 'Accueil des participants',
        titleEn: 'Registration and welcome coffee',
        room: 'Hall Vauban',
        startsAt: '2027-04-13T08:30',
        endsAt: '2027-04-13T09:00',
      },
      {
        type: 'plenary',
        titleFr: "Séance d'ouverture",
        titleEn: 'Opening session',
        room: 'Amphithéâtre Foch',
        startsAt: '2027-04-13T09:00',
        endsAt: '2027-04-13T10:30',
        capacity: 300,
        speakers: [
          { name: 'Claire Moreau', function: 'Secrétaire générale', organisation: 'SG-CIPDR' },
          {
            name: 'Jonas Verbeke',
            function: 'Policy officer',
            organisation: 'European Commission — DG HOME',
          },
        ],
      },
      {
        type: 'parallel_workshop',
        titleFr: 'Atelier A — La prévention en milieu scolaire',
        titleEn: 'Workshop A — Prevention at school',
        room: 'Salle Lyautey',
        startsAt: '2027-04-13T11:00',
        endsAt: '2027-04-13T12:30',
        capacity: 80,
        speakers: [
          {
            name: 'Nadia Benali',
            function: 'Inspectrice',
            organisation: 'Ministère de l’Éducation nationale',
          },
        ],
      },
      {
        type: 'parallel_workshop',
        titleFr: 'Atelier B — Les mineurs de retour de zone',
        titleEn: 'Workshop B — Minors returning from conflict zones',
        room: 'Salle Gallieni',
        startsAt: '2027-04-13T11:00',
        endsAt: '2027-04-13T12:30',
        capacity: 80,
        speakers: [{ name: 'Paul Lemaire', function: 'Éducateur', organisation: 'DPJJ' }],
      },
      {
        type: 'parallel_workshop',
        titleFr: 'Atelier C — Santé mentale et radicalisation',
        titleEn: 'Workshop C — Mental health and radicalisation',
        room: 'Salle Bugeaud',
        startsAt: '2027-04-13T11:00',
        endsAt: '2027-04-13T12:30',
        capacity: 80,
        speakers: [
          {
            name: 'Dr Inès Haddad',
            function: 'Psychiatre',
            organisation: 'Centre hospitalier (fictif)',
          },
        ],
      },
      {
        type: 'break',
        titleFr: 'Déjeuner',
        titleEn: 'Lunch',
        room: 'Hall Vauban',
        startsAt: '2027-04-13T12:30',
        endsAt: '2027-04-13T14:00',
      },
      {
        type: 'parallel_workshop',
        titleFr: 'Atelier D — Prévention en ligne et contre-discours',
        titleEn: 'Workshop D — Online prevention and counter-narratives',
        room: 'Salle Lyautey',
        startsAt: '2027-04-13T14:00',
        endsAt: '2027-04-13T16:00',
        capacity: 80,
      },
      {
        type: 'parallel_workshop',
        titleFr: 'Atelier E — Prison et probation',
        titleEn: 'Workshop E — Prison and probation',
        room: 'Salle Gallieni',
        startsAt: '2027-04-13T14:00',
        endsAt: '2027-04-13T16:00',
        capacity: 80,
        chathamHouse: true,
        speakers: [
          { name: 'Marc Dubois', function: 'Conseiller pénitentiaire', organisation: 'DAP' },
        ],
      },
      {
        type: 'plenary',
        titleFr: 'Matinée réservée aux administrations : la coordination interministérielle',
        titleEn: 'Morning reserved to administrations: inter-ministerial coordination',
        room: 'Amphithéâtre Foch',
        startsAt: '2027-04-14T09:00',
        endsAt: '2027-04-14T12:30',
        capacity: 150,
        access: 'organisation_kinds',
        accessOrganisationKinds: ['ministry', 'direction', 'prefecture', 'agency'],
        chathamHouse: true,
      },
      {
        type: 'plenary',
        titleFr: 'Coopération internationale et conclusions',
        titleEn: 'International cooperation and conclusions',
        room: 'Amphithéâtre Foch',
        startsAt: '2027-04-14T14:00',
        endsAt: '2027-04-14T17:30',
        capacity: 300,
        speakers: [
          {
            name: 'Amira Trabelsi',
            function: 'Directrice',
            organisation: 'Commission nationale de lutte contre le terrorisme (Tunisie)',
          },
          { name: 'Claire Moreau', function: 'Secrétaire générale', organisation: 'SG-CIPDR' },
        ],
      },
    ],
    questions: [
      {
        key: 'profile',
        kind: 'single_choice',
        required: true,
        labelFr: 'Votre profil',
        labelEn: 'Your profile',
        options: [
          { id: 'practitioner', labelFr: 'Praticien·ne de terrain', labelEn: 'Field practitioner' },
          { id: 'policy', labelFr: 'Décideur·euse public·que', labelEn: 'Policy maker' },
          { id: 'research', labelFr: 'Chercheur·euse', labelEn: 'Researcher' },
          { id: 'other', labelFr: 'Autre', labelEn: 'Other' },
        ],
      },
      {
        key: 'profileOther',
        kind: 'short_text',
        required: true,
        labelFr: 'Précisez votre profil',
        labelEn: 'Please specify your profile',
        showIf: { key: 'profile', values: ['other'] },
      },
      {
        key: 'dinner',
        kind: 'yes_no',
        required: true,
        labelFr: 'Participerez-vous au dîner officiel du 13 avril ?',
        labelEn: 'Will you attend the official dinner on 13 April?',
      },
      { ...NEEDS[0], showIf: { key: 'dinner', values: ['yes'] } } as SeedQuestion,
      NEEDS[1] as SeedQuestion,
    ],
  },
  {
    slug: 'policy-practice-youth-education-2027',
    status: 'published',
    format: 'policy_practice_workshop',
    network: 'eu-knowledge-hub',
    workingGroup: 'euhub-y-e',
    mode: 'in_person',
    venueName: 'Centre de conférences Albert Borschette',
    venueAddress: 'Rue Froissart 36, 1040 Bruxelles',
    city: 'Bruxelles',
    country: 'BE',
    timeZone: 'Europe/Brussels',
    startsAt: '2027-03-10T09:30',
    endsAt: '2027-03-10T17:00',
    workingLanguages: ['en'],
    confidentiality: 'public',
    visibility: 'listed',
    registrationMode: 'nomination',
    capacity: 35,
    titleFr:
      'Atelier « Policy & Practice » Jeunesse et éducation : l’école face aux récits complotistes',
    titleEn: 'Youth & Education Policy & Practice workshop: schools facing conspiracy narratives',
    summaryFr:
      'Praticiens de terrain et administrations centrales des États membres, désignés par leur ministère, échangent sur la réponse éducative aux récits complotistes.',
    summaryEn:
      'Field practitioners and central administrations of the Member States, nominated by their ministry, discuss the educational response to conspiracy narratives.',
    descriptionFr:
      'Ce format, obtenu par la France au sein du RAN, associe les praticiens et les administrations centrales. Participation **sur désignation** de votre ministère (le ministère de l’Éducation nationale pour la France).\n\nLangue de travail : anglais, sans interprétation.',
    descriptionEn:
      'This format, which France obtained within RAN, brings practitioners and central administrations together. Attendance **by nomination** through your ministry.\n\nWorking language: English, no interpretation.',
    sessions: [
      {
        type: 'break',
        titleFr: 'Accueil',
        titleEn: 'Welcome',
        startsAt: '2027-03-10T09:30',
        endsAt: '2027-03-10T10:00',
      },
      {
        type: 'plenary',
        titleFr: 'Session de travail 1 : état des lieux',
        titleEn: 'Working session 1: where we stand',
        room: 'Room 0/A',
        startsAt: '2027-03-10T10:00',
        endsAt: '2027-03-10T12:30',
        capacity: 35,
      },
      {
        type: 'plenary',
        titleFr: 'Session de travail 2 : pratiques prometteuses',
        titleEn: 'Working session 2: promising practices',
        room: 'Room 0/A',
        startsAt: '2027-03-10T13:30',
        endsAt: '2027-03-10T16:30',
        capacity: 35,
      },
      {
        type: 'plenary',
        titleFr: 'Conclusions et recommandations',
        titleEn: 'Conclusions and recommendations',
        room: 'Room 0/A',
        startsAt: '2027-03-10T16:30',
        endsAt: '2027-03-10T17:00',
        capacity: 35,
      },
    ],
  },
  {
    slug: 'mental-health-working-group-2027',
    status: 'published',
    format: 'working_group_meeting',
    network: 'eu-knowledge-hub',
    workingGroup: 'euhub-mental-health',
    mode: 'hybrid',
    venueName: 'Centro de Congressos de Lisboa',
    venueAddress: 'Praça das Indústrias 1, 1300-307 Lisboa',
    city: 'Lisboa',
    country: 'PT',
    onlineUrl: 'https://meet.example.eu/mental-health-2027',
    timeZone: 'Europe/Lisbon',
    startsAt: '2027-05-19T09:00',
    endsAt: '2027-05-20T13:00',
    workingLanguages: ['en'],
    confidentiality: 'restricted',
    visibility: 'listed',
    registrationMode: 'invitation',
    capacity: 40,
    titleFr: 'Réunion du groupe de travail Santé mentale',
    titleEn: 'Mental Health working group meeting',
    summaryFr:
      'Psychiatres, psychologues et travailleurs sociaux sur le repérage et la prise en charge.',
    summaryEn: 'Psychiatrists, psychologists and social workers on identification and care.',
    descriptionFr: 'Réunion sur invitation du groupe de travail Santé mentale.',
    descriptionEn: 'Invitation-only meeting of the Mental Health working group.',
    sessions: [
      {
        type: 'plenary',
        titleFr: 'Ouverture et tour de table',
        titleEn: 'Opening and round table',
        room: 'Sala 1',
        startsAt: '2027-05-19T09:00',
        endsAt: '2027-05-19T12:30',
      },
      {
        type: 'parallel_workshop',
        titleFr: 'Atelier : évaluation du risque',
        titleEn: 'Workshop: risk assessment',
        room: 'Sala 1',
        startsAt: '2027-05-19T14:00',
        endsAt: '2027-05-19T17:30',
      },
      {
        type: 'parallel_workshop',
        titleFr: 'Atelier : secret médical et partage d’information',
        titleEn: 'Workshop: medical confidentiality and information sharing',
        room: 'Sala 2',
        startsAt: '2027-05-19T14:00',
        endsAt: '2027-05-19T17:30',
        chathamHouse: true,
      },
      {
        type: 'plenary',
        titleFr: 'Conclusions',
        titleEn: 'Conclusions',
        room: 'Sala 1',
        startsAt: '2027-05-20T09:00',
        endsAt: '2027-05-20T13:00',
      },
    ],
  },
  {
    slug: 'gctf-families-foreign-terrorist-fighters-2027',
    status: 'published',
    format: 'expert_meeting',
    network: 'gctf',
    workingGroup: 'gctf-ftf',
    mode: 'in_person',
    venueName: 'World Forum',
    venueAddress: 'Churchillplein 10, 2517 JW Den Haag',
    city: 'Den Haag',
    country: 'NL',
    timeZone: 'Europe/Amsterdam',
    startsAt: '2027-02-23T09:00',
    endsAt: '2027-02-24T16:00',
    workingLanguages: ['en', 'fr'],
    interpretationLanguages: ['en', 'fr', 'ar'],
    confidentiality: 'chatham_house',
    visibility: 'listed',
    registrationMode: 'invitation',
    capacity: 45,
    titleFr: 'Réunion d’experts du GCTF sur les familles des combattants terroristes étrangers',
    titleEn: 'GCTF expert meeting on the families of foreign terrorist fighters',
    summaryFr:
      'Accompagner les familles et les enfants des combattants terroristes étrangers : retours d’expérience.',
    summaryEn:
      'Supporting the families and children of foreign terrorist fighters: lessons learnt.',
    descriptionFr:
      'Réunion tenue selon la **règle de Chatham House** : les propos peuvent être repris, sans en citer l’auteur ni son organisation.',
    descriptionEn:
      'Held under the **Chatham House Rule**: what is said may be used, without naming the speaker or their organisation.',
    sessions: [
      {
        type: 'plenary',
        titleFr: 'Panorama des situations nationales',
        titleEn: 'Overview of national situations',
        room: 'Mercury',
        startsAt: '2027-02-23T09:00',
        endsAt: '2027-02-23T12:30',
        chathamHouse: true,
      },
      {
        type: 'parallel_workshop',
        titleFr: 'Enfants de retour de zone',
        titleEn: 'Children returning from conflict zones',
        room: 'Mercury',
        startsAt: '2027-02-23T14:00',
        endsAt: '2027-02-23T17:30',
        chathamHouse: true,
      },
      {
        type: 'parallel_workshop',
        titleFr: 'Soutien aux familles restées au pays',
        titleEn: 'Support to families who stayed home',
        room: 'Jupiter',
        startsAt: '2027-02-23T14:00',
        endsAt: '2027-02-23T17:30',
        chathamHouse: true,
      },
      {
        type: 'plenary',
        titleFr: 'Recommandations',
        titleEn: 'Recommendations',
        room: 'Mercury',
        startsAt: '2027-02-24T09:00',
        endsAt: '2027-02-24T16:00',
        chathamHouse: true,
      },
    ],
  },
  {
    slug: 'webinaire-francoprev-jeunesse-2027',
    status: 'published',
    format: 'webinar',
    network: 'oif-francoprev',
    mode: 'online',
    onlineUrl: 'https://webinaire.francoprev.example/jeunesse-2027',
    timeZone: 'Africa/Dakar',
    startsAt: '2027-01-28T14:00',
    endsAt: '2027-01-28T16:00',
    workingLanguages: ['fr'],
    confidentiality: 'public',
    visibility: 'listed',
    registrationMode: 'open',
    capacity: 500,
    titleFr:
      'Webinaire FrancoPREV — Prévenir la radicalisation des jeunes : regards croisés Afrique de l’Ouest – Europe',
    titleEn:
      'FrancoPREV webinar — Preventing youth radicalisation: West African and European perspectives',
    summaryFr:
      'Deux heures d’échanges en français entre praticiens du Sénégal, de Tunisie, de Belgique et de France.',
    summaryEn:
      'Two hours of exchanges, in French, between practitioners from Senegal, Tunisia, Belgium and France.',
    descriptionFr:
      'Webinaire ouvert à tous sur inscription. Le lien de connexion est envoyé aux inscrits.',
    descriptionEn: 'Open webinar, on registration. The link is sent to those registered.',
    sessions: [],
    questions: [
      {
        key: 'recording',
        kind: 'yes_no',
        labelFr: 'Souhaitez-vous recevoir l’enregistrement du webinaire ?',
        labelEn: 'Would you like to receive the recording of the webinar?',
      },
      {
        key: 'topics',
        kind: 'multiple_choice',
        labelFr: 'Quels thèmes vous intéressent ?',
        labelEn: 'Which topics interest you?',
        options: [
          { id: 'school', labelFr: 'École', labelEn: 'School' },
          { id: 'online', labelFr: 'Réseaux sociaux', labelEn: 'Social media' },
          { id: 'families', labelFr: 'Familles', labelEn: 'Families' },
        ],
      },
    ],
  },
  {
    slug: 'visite-etude-tunis-2027',
    status: 'published',
    format: 'study_visit',
    mode: 'in_person',
    venueName: 'Ministère de l’Intérieur',
    venueAddress: 'Avenue Habib Bourguiba, Tunis',
    city: 'Tunis',
    country: 'TN',
    timeZone: 'Africa/Tunis',
    startsAt: '2027-06-08T09:00',
    endsAt: '2027-06-10T13:00',
    workingLanguages: ['fr', 'ar'],
    interpretationLanguages: ['fr', 'ar'],
    confidentiality: 'restricted',
    visibility: 'unlisted',
    registrationMode: 'invitation',
    capacity: 17,
    titleFr: 'Visite d’étude à Tunis : la prévention de proximité',
    titleEn: 'Study visit to Tunis: community-based prevention',
    summaryFr: 'Coopération bilatérale franco-tunisienne, dans le cadre du mémorandum d’entente.',
    summaryEn: 'French-Tunisian bilateral cooperation, under the memorandum of understanding.',
    descriptionFr:
      'Délégation de 17 personnes : visites de terrain et échanges avec les services tunisiens.',
    descriptionEn: 'A 17-person delegation: field visits and exchanges with the Tunisian services.',
    sessions: [
      {
        type: 'visit',
        titleFr: 'Visite d’une maison des jeunes',
        titleEn: 'Visit to a youth centre',
        startsAt: '2027-06-08T09:30',
        endsAt: '2027-06-08T12:30',
      },
      {
        type: 'plenary',
        titleFr: 'Échanges avec la Commission nationale de lutte contre le terrorisme',
        titleEn: 'Meeting with the National Counter-Terrorism Commission',
        room: 'Salle du conseil',
        startsAt: '2027-06-09T09:00',
        endsAt: '2027-06-09T12:30',
      },
    ],
  },
  {
    slug: 'colloque-international-2016',
    status: 'published',
    format: 'colloquium',
    mode: 'in_person',
    venueName: 'Centre de conférences ministériel',
    venueAddress: '27 rue de la Convention, 75015 Paris',
    city: 'Paris',
    country: 'FR',
    timeZone: 'Europe/Paris',
    startsAt: '2016-04-19T09:00',
    endsAt: '2016-04-19T18:00',
    workingLanguages: ['fr', 'en'],
    interpretationLanguages: ['fr', 'en'],
    confidentiality: 'public',
    visibility: 'listed',
    registrationMode: 'approval',
    capacity: 250,
    titleFr: 'Colloque international sur la prévention de la radicalisation (2016)',
    titleEn: 'International Colloquium on Radicalisation Prevention (2016)',
    summaryFr: 'Le premier colloque international organisé par le CIPDR, en avril 2016.',
    summaryEn: 'The first international colloquium organised by CIPDR, in April 2016.',
    descriptionFr: 'Archive du colloque d’avril 2016.',
    descriptionEn: 'Archive of the April 2016 colloquium.',
    sessions: [],
  },
  {
    slug: 'ran-youth-education-meeting-2023',
    status: 'published',
    format: 'working_group_meeting',
    network: 'ran',
    workingGroup: 'ran-y-e',
    mode: 'in_person',
    venueName: 'Palazzo dei Congressi',
    venueAddress: 'Piazza John Kennedy 1, 00144 Roma',
    city: 'Roma',
    country: 'IT',
    timeZone: 'Europe/Rome',
    startsAt: '2023-10-12T09:00',
    endsAt: '2023-10-13T13:00',
    workingLanguages: ['en'],
    confidentiality: 'public',
    visibility: 'listed',
    registrationMode: 'nomination',
    capacity: 30,
    titleFr: 'Réunion du groupe RAN Jeunesse et éducation (2023)',
    titleEn: 'RAN Youth & Education working group meeting (2023)',
    summaryFr: 'Réunion du groupe co-animé par un responsable français.',
    summaryEn: 'Meeting of the group co-led by a French leader.',
    descriptionFr: 'Événement passé.',
    descriptionEn: 'Past event.',
    sessions: [],
  },
];
