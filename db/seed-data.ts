import type { NetworkKind } from '@/lib/networks/enums';
import type { GrantedRole, OrganisationKind } from '@/lib/people/enums';

// From the source page (shared/seed/reseau-international.fr.txt) and PRODUCT.md.
export const NETWORKS: {
  slug: string;
  acronym: string;
  nameFr: string;
  nameEn: string;
  kind: NetworkKind;
  activeFrom: string | null;
  activeTo: string | null;
}[] = [
  {
    slug: 'ran',
    acronym: 'RAN',
    nameFr: 'Réseau de sensibilisation à la radicalisation',
    nameEn: 'Radicalisation Awareness Network',
    kind: 'eu_network',
    activeFrom: '2011-09-09',
    activeTo: null,
  },
  {
    slug: 'ran-policy-support',
    acronym: 'RAN PS',
    nameFr: 'RAN Soutien aux politiques publiques',
    nameEn: 'RAN Policy Support',
    kind: 'eu_network',
    activeFrom: '2021-01-01',
    activeTo: null,
  },
  {
    slug: 'eu-knowledge-hub',
    acronym: 'EU Knowledge Hub',
    nameFr: "Pôle de connaissances de l'UE sur la prévention de la radicalisation",
    nameEn: 'EU Knowledge Hub on Prevention of Radicalisation',
    kind: 'eu_network',
    activeFrom: '2024-06-01',
    activeTo: null,
  },
  {
    slug: 'gctf',
    acronym: 'GCTF',
    nameFr: 'Forum mondial de lutte contre le terrorisme',
    nameEn: 'Global Counterterrorism Forum',
    kind: 'international_forum',
    activeFrom: '2011-09-22',
    activeTo: null,
  },
  {
    slug: 'un',
    acronym: 'ONU',
    nameFr: 'Nations unies',
    nameEn: 'United Nations',
    kind: 'united_nations',
    activeFrom: null,
    activeTo: null,
  },
  {
    slug: 'isd',
    acronym: 'ISD',
    nameFr: 'Institute for Strategic Dialogue',
    nameEn: 'Institute for Strategic Dialogue',
    kind: 'think_tank',
    activeFrom: '2006-01-01',
    activeTo: null,
  },
  {
    slug: 'oif-francoprev',
    acronym: 'FrancoPREV',
    nameFr: 'Organisation internationale de la Francophonie — réseau FrancoPREV',
    nameEn: 'International Organisation of La Francophonie — FrancoPREV network',
    kind: 'francophonie',
    activeFrom: '2017-01-01',
    activeTo: null,
  },
  {
    slug: 'hlceg-r',
    acronym: 'HLCEG-R',
    nameFr: "Groupe d'experts de haut niveau de la Commission sur la radicalisation",
    nameEn: 'High-Level Commission Expert Group on Radicalisation',
    kind: 'eu_expert_group',
    activeFrom: '2017-07-27',
    activeTo: '2018-05-18',
  },
  {
    slug: 'eu-internet-forum',
    acronym: 'EUIF',
    nameFr: "Forum de l'UE sur l'internet",
    nameEn: 'EU Internet Forum',
    kind: 'eu_forum',
    activeFrom: '2015-12-03',
    activeTo: null,
  },
  {
    slug: 'escn',
    acronym: 'ESCN',
    nameFr: 'Réseau européen de communication stratégique',
    nameEn: 'European Strategic Communications Network',
    kind: 'eu_network',
    activeFrom: '2016-10-01',
    activeTo: '2019-12-31',
  },
];

type Group = {
  slug: string;
  network: string;
  nameFr: string;
  nameEn: string;
  validFrom: string;
  validTo: string | null;
  successor?: string;
};

// RAN Practitioners 2021–2024, succeeded in 2024 by the EU Knowledge Hub's thematic panels.
export const WORKING_GROUPS: Group[] = [
  {
    slug: 'ran-c-n',
    network: 'ran',
    nameFr: 'Communication et récits',
    nameEn: 'Communication & Narratives',
    validFrom: '2021-01-01',
    validTo: '2024-05-31',
  },
  {
    slug: 'ran-y-e',
    network: 'ran',
    nameFr: 'Jeunesse et éducation',
    nameEn: 'Youth & Education',
    validFrom: '2021-01-01',
    validTo: '2024-05-31',
    successor: 'euhub-y-e',
  },
  {
    slug: 'ran-fc-s',
    network: 'ran',
    nameFr: 'Familles, communautés et action sociale',
    nameEn: 'Families, Communities & Social Care',
    validFrom: '2021-01-01',
    validTo: '2024-05-31',
  },
  {
    slug: 'ran-local',
    network: 'ran',
    nameFr: 'Acteurs locaux',
    nameEn: 'Local',
    validFrom: '2021-01-01',
    validTo: '2024-05-31',
    successor: 'euhub-local',
  },
  {
    slug: 'ran-h-sc',
    network: 'ran',
    nameFr: 'Santé mentale',
    nameEn: 'Mental Health',
    validFrom: '2021-01-01',
    validTo: '2024-05-31',
    successor: 'euhub-mental-health',
  },
  {
    slug: 'ran-pol',
    network: 'ran',
    nameFr: 'Police',
    nameEn: 'Police',
    validFrom: '2021-01-01',
    validTo: '2024-05-31',
  },
  {
    slug: 'ran-p-p',
    network: 'ran',
    nameFr: 'Prisons',
    nameEn: 'Prisons',
    validFrom: '2021-01-01',
    validTo: '2024-05-31',
    successor: 'euhub-prisons-rehab',
  },
  {
    slug: 'ran-rehab',
    network: 'ran',
    nameFr: 'Réhabilitation',
    nameEn: 'Rehabilitation',
    validFrom: '2021-01-01',
    validTo: '2024-05-31',
    successor: 'euhub-prisons-rehab',
  },
  {
    slug: 'ran-vot',
    network: 'ran',
    nameFr: 'Victimes du terrorisme',
    nameEn: 'Victims of Terrorism',
    validFrom: '2021-01-01',
    validTo: '2024-05-31',
  },
  // The 2016–2020 groups that the 2021 restructuring replaced.
  {
    slug: 'ran-edu-2016',
    network: 'ran',
    nameFr: 'Éducation (2016–2020)',
    nameEn: 'Education (2016–2020)',
    validFrom: '2016-01-01',
    validTo: '2020-12-31',
    successor: 'ran-y-e',
  },
  {
    slug: 'ran-yf-c-2016',
    network: 'ran',
    nameFr: 'Jeunesse, familles et communautés (2016–2020)',
    nameEn: 'Youth, Families & Communities (2016–2020)',
    validFrom: '2016-01-01',
    validTo: '2020-12-31',
    successor: 'ran-fc-s',
  },
  {
    slug: 'ran-health-2016',
    network: 'ran',
    nameFr: 'Santé et protection sociale (2016–2020)',
    nameEn: 'Health & Social Care (2016–2020)',
    validFrom: '2016-01-01',
    validTo: '2020-12-31',
    successor: 'ran-h-sc',
  },
  {
    slug: 'ran-exit-2016',
    network: 'ran',
    nameFr: 'Sortie de la radicalisation (2016–2020)',
    nameEn: 'EXIT (2016–2020)',
    validFrom: '2016-01-01',
    validTo: '2020-12-31',
    successor: 'ran-rehab',
  },
  // The 2024 restructuring: the practitioners' strand goes on in the EU Knowledge Hub's panels.
  {
    slug: 'euhub-y-e',
    network: 'eu-knowledge-hub',
    nameFr: 'Jeunesse et éducation',
    nameEn: 'Youth & Education',
    validFrom: '2024-06-01',
    validTo: null,
  },
  {
    slug: 'euhub-mental-health',
    network: 'eu-knowledge-hub',
    nameFr: 'Santé mentale',
    nameEn: 'Mental Health',
    validFrom: '2024-06-01',
    validTo: null,
  },
  {
    slug: 'euhub-prisons-rehab',
    network: 'eu-knowledge-hub',
    nameFr: 'Prisons, probation et réhabilitation',
    nameEn: 'Prisons, Probation & Rehabilitation',
    validFrom: '2024-06-01',
    validTo: null,
  },
  {
    slug: 'euhub-local',
    network: 'eu-knowledge-hub',
    nameFr: 'Acteurs locaux et approches multi-agences',
    nameEn: 'Local & Multi-Agency Approaches',
    validFrom: '2024-06-01',
    validTo: null,
  },
  {
    slug: 'gctf-cve',
    network: 'gctf',
    nameFr: "Lutte contre l'extrémisme violent",
    nameEn: 'Countering Violent Extremism',
    validFrom: '2011-09-22',
    validTo: null,
  },
  {
    slug: 'gctf-ftf',
    network: 'gctf',
    nameFr: 'Combattants terroristes étrangers',
    nameEn: 'Foreign Terrorist Fighters',
    validFrom: '2014-09-01',
    validTo: null,
  },
  {
    slug: 'gctf-cjrol',
    network: 'gctf',
    nameFr: 'Justice pénale et État de droit',
    nameEn: 'Criminal Justice & Rule of Law',
    validFrom: '2011-09-22',
    validTo: null,
  },
  {
    slug: 'gctf-east-africa',
    network: 'gctf',
    nameFr: "Renforcement des capacités en Afrique de l'Est",
    nameEn: 'East Africa Capacity-Building',
    validFrom: '2011-09-22',
    validTo: null,
  },
  {
    slug: 'gctf-west-africa',
    network: 'gctf',
    nameFr: "Renforcement des capacités en Afrique de l'Ouest",
    nameEn: 'West Africa Capacity-Building',
    validFrom: '2014-01-01',
    validTo: null,
  },
];

type Org = {
  slug: string;
  acronym: string | null;
  nameFr: string;
  nameEn: string;
  kind: OrganisationKind;
  country: string | null;
  parent?: string;
};

export const ORGANISATIONS: Org[] = [
  {
    slug: 'sg-cipdr',
    acronym: 'SG-CIPDR',
    nameFr:
      'Secrétariat général du Comité interministériel de prévention de la délinquance et de la radicalisation',
    nameEn:
      'General Secretariat of the Interministerial Committee for the Prevention of Crime and Radicalisation',
    kind: 'agency',
    country: 'FR',
  },
  {
    slug: 'fr-men',
    acronym: 'MENJ',
    nameFr: "Ministère de l'Éducation nationale",
    nameEn: 'Ministry of Education',
    kind: 'ministry',
    country: 'FR',
  },
  {
    slug: 'fr-men-dgesco',
    acronym: 'DGESCO',
    nameFr: "Direction générale de l'enseignement scolaire",
    nameEn: 'Directorate General for School Education',
    kind: 'direction',
    country: 'FR',
    parent: 'fr-men',
  },
  {
    slug: 'fr-justice',
    acronym: null,
    nameFr: 'Ministère de la Justice',
    nameEn: 'Ministry of Justice',
    kind: 'ministry',
    country: 'FR',
  },
  {
    slug: 'fr-justice-dap',
    acronym: 'DAP',
    nameFr: "Direction de l'administration pénitentiaire",
    nameEn: 'Prison Administration Directorate',
    kind: 'direction',
    country: 'FR',
    parent: 'fr-justice',
  },
  {
    slug: 'fr-justice-dpjj',
    acronym: 'DPJJ',
    nameFr: 'Direction de la protection judiciaire de la jeunesse',
    nameEn: 'Youth Judicial Protection Directorate',
    kind: 'direction',
    country: 'FR',
    parent: 'fr-justice',
  },
  {
    slug: 'fr-sante',
    acronym: null,
    nameFr: 'Ministère de la Santé',
    nameEn: 'Ministry of Health',
    kind: 'ministry',
    country: 'FR',
  },
  {
    slug: 'fr-interieur',
    acronym: null,
    nameFr: "Ministère de l'Intérieur",
    nameEn: 'Ministry of the Interior',
    kind: 'ministry',
    country: 'FR',
  },
  {
    slug: 'fr-interieur-dgpn',
    acronym: 'DGPN',
    nameFr: 'Direction générale de la police nationale',
    nameEn: 'Directorate General of the National Police',
    kind: 'direction',
    country: 'FR',
    parent: 'fr-interieur',
  },
  {
    slug: 'fr-meae',
    acronym: 'MEAE',
    nameFr: "Ministère de l'Europe et des Affaires étrangères",
    nameEn: 'Ministry for Europe and Foreign Affairs',
    kind: 'ministry',
    country: 'FR',
  },
  {
    slug: 'tn-interieur',
    acronym: null,
    nameFr: "Ministère de l'Intérieur (Tunisie)",
    nameEn: 'Ministry of the Interior (Tunisia)',
    kind: 'foreign_ministry',
    country: 'TN',
  },
  {
    slug: 'tn-cnlct',
    acronym: 'CNLCT',
    nameFr: 'Commission nationale de lutte contre le terrorisme (Tunisie)',
    nameEn: 'National Counter-Terrorism Commission (Tunisia)',
    kind: 'agency',
    country: 'TN',
  },
  {
    slug: 'sn-interieur',
    acronym: null,
    nameFr: "Ministère de l'Intérieur et de la Sécurité publique (Sénégal)",
    nameEn: 'Ministry of the Interior and Public Security (Senegal)',
    kind: 'foreign_ministry',
    country: 'SN',
  },
  {
    slug: 'jo-interieur',
    acronym: null,
    nameFr: "Ministère de l'Intérieur (Jordanie)",
    nameEn: 'Ministry of the Interior (Jordan)',
    kind: 'foreign_ministry',
    country: 'JO',
  },
  {
    slug: 'eu-dg-home',
    acronym: 'DG HOME',
    nameFr: 'Commission européenne — DG Migration et affaires intérieures',
    nameEn: 'European Commission — DG Migration and Home Affairs',
    kind: 'international_organisation',
    country: null,
  },
  {
    slug: 'un-oct',
    acronym: 'UNOCT',
    nameFr: 'Bureau des Nations unies de lutte contre le terrorisme',
    nameEn: 'United Nations Office of Counter-Terrorism',
    kind: 'international_organisation',
    country: null,
  },
];

/**
 * The authenticator secret of the demo organiser and admin (base32, RFC 6238: SHA-1,
 * 6 digits, 30 s), printed in the README so that the demo and the tests can compute
 * codes. Demo data only: a real person's secret is made at enrolment and never shown again.
 */
export const DEMO_TOTP_SECRET = 'PASSERELLEDEMOTOTPSECRETAAAAAAAA';

export const DEMO_ACCOUNTS: {
  email: string;
  name: string;
  role: GrantedRole | 'participant';
  organisation?: string;
}[] = [
  { email: 'admin@passerelle.test', name: 'Camille Admin', role: 'admin' },
  { email: 'organisatrice@passerelle.test', name: 'Inès Organisatrice', role: 'organiser' },
  {
    email: 'designataire.education@passerelle.test',
    name: 'Marc Désignataire',
    role: 'nominator',
    organisation: 'fr-men',
  },
  {
    email: 'designataire.justice@passerelle.test',
    name: 'Sofia Désignataire',
    role: 'nominator',
    organisation: 'fr-justice',
  },
  { email: 'participante@passerelle.test', name: 'Awa Participante', role: 'participant' },
];
