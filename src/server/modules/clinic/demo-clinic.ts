/**
 * The demo clinic Relief ships with: a two-region interventional pain practice
 * in Central Texas. Addresses are fictional; phone numbers use the 555-01xx
 * range reserved for fiction. Durations and buffers are the defaults of
 * shared/domain/fbss-pathway.md sections 7.2 and 8.1 (status U: configurable).
 */
import type { RoomCapability } from '../../../shared/contracts/clinic.js';

export const DEMO_ORG = { slug: 'relief-demo', name: 'Relief Pain Clinics' };
export const ZONE = 'America/Chicago';

export interface DemoLocation {
  slug: string;
  name: string;
  region: 'Main Line (Austin Area)' | 'Waco/Killeen';
  line1: string;
  city: string;
  postalCode: string;
  phone: string;
  rooms: { name: string; capabilities: RoomCapability[] }[];
}

const examRooms = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `Exam ${i + 1}`, capabilities: ['exam', 'consult'] as RoomCapability[] }));

export const LOCATIONS: DemoLocation[] = [
  {
    slug: 'austin-central', name: 'Austin Central', region: 'Main Line (Austin Area)',
    line1: '4100 Medical Parkway, Suite 200', city: 'Austin', postalCode: '78756', phone: '(512) 555-0140',
    rooms: [...examRooms(4), { name: 'Fluoro Suite A', capabilities: ['fluoroscopy'] }, { name: 'Fluoro Suite B', capabilities: ['fluoroscopy'] }, { name: 'Consult Room', capabilities: ['consult'] }],
  },
  {
    slug: 'round-rock', name: 'Round Rock', region: 'Main Line (Austin Area)',
    line1: '2250 Greenlawn Boulevard, Suite 110', city: 'Round Rock', postalCode: '78664', phone: '(512) 555-0152',
    rooms: [...examRooms(3), { name: 'Fluoro Suite', capabilities: ['fluoroscopy'] }],
  },
  {
    slug: 'cedar-park', name: 'Cedar Park', region: 'Main Line (Austin Area)',
    line1: '1401 Medical Plaza Drive, Building C', city: 'Cedar Park', postalCode: '78613', phone: '(512) 555-0167',
    rooms: [...examRooms(2), { name: 'Therapy Gym 1', capabilities: ['therapy_gym'] }, { name: 'Therapy Gym 2', capabilities: ['therapy_gym'] }],
  },
  {
    slug: 'waco', name: 'Waco', region: 'Waco/Killeen',
    line1: '7000 Bosque Boulevard, Suite 300', city: 'Waco', postalCode: '76710', phone: '(254) 555-0118',
    rooms: [...examRooms(3), { name: 'Fluoro Suite', capabilities: ['fluoroscopy'] }, { name: 'Therapy Gym', capabilities: ['therapy_gym'] }, { name: 'Consult Room', capabilities: ['consult'] }],
  },
  {
    slug: 'killeen', name: 'Killeen', region: 'Waco/Killeen',
    line1: '2600 South Clear Creek Road, Suite 104', city: 'Killeen', postalCode: '76549', phone: '(254) 555-0193',
    rooms: [...examRooms(3), { name: 'Fluoro Suite', capabilities: ['fluoroscopy'] }, { name: 'Therapy Gym', capabilities: ['therapy_gym'] }],
  },
];

/** Front-desk hours, Monday to Friday. */
export const OPENING = { opens: '07:30', closes: '17:30', weekdays: [1, 2, 3, 4, 5] };

export interface DemoVisitType {
  code: string;
  nameEn: string;
  nameEs: string;
  descriptionEn: string;
  descriptionEs: string;
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  roomCapability: RoomCapability;
  slotStepMin: number;
  minNoticeMin: number;
  horizonDays: number;
  online: 'anyone' | 'established' | 'request_only' | 'staff_only';
  cptCodes: string[];
}

const vt = (v: Omit<DemoVisitType, 'bufferBeforeMin' | 'minNoticeMin' | 'horizonDays'> & Partial<DemoVisitType>): DemoVisitType => ({
  bufferBeforeMin: 0,
  minNoticeMin: 120,
  horizonDays: 90,
  ...v,
});

export const VISIT_TYPES: DemoVisitType[] = [
  vt({
    code: 'new-patient-consult', nameEn: 'New patient consultation', nameEs: 'Consulta de paciente nuevo',
    descriptionEn: 'A first visit with a pain specialist: history, exam, review of your imaging and a plan of care.',
    descriptionEs: 'Primera visita con un especialista en dolor: historia clínica, examen, revisión de sus estudios de imagen y un plan de atención.',
    durationMin: 60, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 30, minNoticeMin: 240, online: 'anyone',
    cptCodes: ['99204', '99205'],
  }),
  vt({
    code: 'follow-up', nameEn: 'Follow-up visit', nameEs: 'Visita de seguimiento',
    descriptionEn: 'A return visit to review progress and adjust your plan.', descriptionEs: 'Una visita para revisar su progreso y ajustar su plan.',
    durationMin: 30, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 15, online: 'staff_only', cptCodes: ['99213', '99214', '99215'],
  }),
  vt({
    code: 'physical-therapy', nameEn: 'Physical therapy session', nameEs: 'Sesión de terapia física',
    descriptionEn: 'Exercise-based therapy with a licensed physical therapist.', descriptionEs: 'Terapia basada en ejercicio con un fisioterapeuta licenciado.',
    durationMin: 45, bufferAfterMin: 15, roomCapability: 'therapy_gym', slotStepMin: 15, online: 'staff_only', cptCodes: ['97110', '97140'],
  }),
  vt({
    code: 'epidural-steroid-injection', nameEn: 'Epidural steroid injection', nameEs: 'Inyección epidural de esteroides',
    descriptionEn: 'X-ray-guided injection near the affected spinal nerves.', descriptionEs: 'Inyección guiada por rayos X cerca de los nervios espinales afectados.',
    durationMin: 30, bufferAfterMin: 10, roomCapability: 'fluoroscopy', slotStepMin: 15, online: 'staff_only',
    cptCodes: ['62321', '62323', '64479', '64483'],
  }),
  vt({
    code: 'medial-branch-block', nameEn: 'Medial branch block', nameEs: 'Bloqueo de rama medial',
    descriptionEn: 'A diagnostic X-ray-guided block of the nerves to the facet joints.', descriptionEs: 'Bloqueo diagnóstico guiado por rayos X de los nervios de las articulaciones facetarias.',
    durationMin: 30, bufferAfterMin: 10, roomCapability: 'fluoroscopy', slotStepMin: 15, online: 'staff_only',
    cptCodes: ['64490', '64491', '64493', '64494'],
  }),
  vt({
    code: 'radiofrequency-ablation', nameEn: 'Radiofrequency ablation', nameEs: 'Ablación por radiofrecuencia',
    descriptionEn: 'X-ray-guided heat treatment of the nerves carrying facet joint pain.', descriptionEs: 'Tratamiento con calor, guiado por rayos X, de los nervios que transmiten el dolor facetario.',
    durationMin: 60, bufferAfterMin: 15, roomCapability: 'fluoroscopy', slotStepMin: 15, online: 'staff_only',
    cptCodes: ['64633', '64634', '64635', '64636'],
  }),
  vt({
    code: 'scs-trial', nameEn: 'Spinal cord stimulator trial', nameEs: 'Prueba de estimulador de la médula espinal',
    descriptionEn: 'Placement of temporary trial leads under X-ray; you will need a driver.', descriptionEs: 'Colocación de electrodos temporales de prueba con rayos X; necesitará que alguien le lleve a casa.',
    durationMin: 90, bufferBeforeMin: 15, bufferAfterMin: 15, roomCapability: 'fluoroscopy', slotStepMin: 30, online: 'staff_only',
    cptCodes: ['63650'],
  }),
  vt({
    code: 'scs-trial-check', nameEn: 'Stimulator trial check', nameEs: 'Revisión de la prueba del estimulador',
    descriptionEn: 'Mid-trial programming and check, day 2 to 3.', descriptionEs: 'Programación y revisión a mitad de la prueba, día 2 a 3.',
    durationMin: 30, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 15, online: 'staff_only', cptCodes: ['95970', '95971'],
  }),
  vt({
    code: 'scs-trial-removal', nameEn: 'Stimulator trial lead removal', nameEs: 'Retiro de electrodos de prueba',
    descriptionEn: 'Removal of the trial leads, day 3 to 7.', descriptionEs: 'Retiro de los electrodos de prueba, día 3 a 7.',
    durationMin: 30, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 15, online: 'staff_only', cptCodes: [],
  }),
  vt({
    code: 'pump-refill', nameEn: 'Intrathecal pump refill', nameEs: 'Recarga de bomba intratecal',
    descriptionEn: 'Refill and check of an implanted drug pump.', descriptionEs: 'Recarga y revisión de una bomba de medicamento implantada.',
    durationMin: 30, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 15, online: 'staff_only',
    cptCodes: ['95990', '95991', '62367', '62368', '62369', '62370'],
  }),
  vt({
    code: 'psych-evaluation', nameEn: 'Psychological evaluation', nameEs: 'Evaluación psicológica',
    descriptionEn: 'The evaluation required before a stimulator or pump trial.', descriptionEs: 'La evaluación requerida antes de una prueba de estimulador o de bomba.',
    durationMin: 90, bufferAfterMin: 0, roomCapability: 'consult', slotStepMin: 30, online: 'staff_only', cptCodes: ['90791'],
  }),
];

type Role = 'physician' | 'nurse_practitioner' | 'physician_assistant' | 'physical_therapist' | 'psychologist';

export interface DemoPractitioner {
  name: string;
  credentials: string;
  role: Role;
  bioEn: string;
  bioEs: string;
  visitTypes: string[];
  /** location slug -> weekdays (1 = Monday) with 'HH:MM-HH:MM' */
  schedule: { location: string; weekdays: number[]; hours: string }[];
  timeOff?: { from: string; to: string; reason: string }[];
}

const PROCEDURES = ['epidural-steroid-injection', 'medial-branch-block', 'radiofrequency-ablation', 'scs-trial'];
const PHYSICIAN_VISITS = ['new-patient-consult', 'follow-up', 'scs-trial-check', 'scs-trial-removal', 'pump-refill', ...PROCEDURES];
const APP_VISITS = ['new-patient-consult', 'follow-up', 'scs-trial-check', 'scs-trial-removal', 'pump-refill'];

export const PRACTITIONERS: DemoPractitioner[] = [
  {
    name: 'Dr. Elena Ortiz', credentials: 'MD', role: 'physician', visitTypes: PHYSICIAN_VISITS,
    bioEn: 'Board-certified in anesthesiology and pain medicine; leads the neuromodulation program.',
    bioEs: 'Certificada en anestesiología y medicina del dolor; dirige el programa de neuromodulación.',
    schedule: [
      { location: 'austin-central', weekdays: [1, 3, 5], hours: '08:00-17:00' },
      { location: 'round-rock', weekdays: [2, 4], hours: '08:00-16:00' },
    ],
    timeOff: [{ from: '2026-12-14', to: '2026-12-18', reason: 'Conference' }],
  },
  {
    name: 'Dr. Marcus Reed', credentials: 'MD', role: 'physician', visitTypes: PHYSICIAN_VISITS,
    bioEn: 'Interventional pain physician focused on spine procedures and failed back surgery syndrome.',
    bioEs: 'Médico intervencionista del dolor especializado en procedimientos de columna y síndrome de cirugía de espalda fallida.',
    schedule: [
      { location: 'austin-central', weekdays: [2, 4], hours: '08:00-17:00' },
      { location: 'cedar-park', weekdays: [1, 3], hours: '09:00-17:00' },
    ],
  },
  {
    name: 'Dr. Priya Natarajan', credentials: 'MD', role: 'physician', visitTypes: PHYSICIAN_VISITS,
    bioEn: 'Pain medicine physician serving Waco and Killeen; intrathecal pump management.',
    bioEs: 'Médica del dolor en Waco y Killeen; manejo de bombas intratecales.',
    schedule: [
      { location: 'waco', weekdays: [1, 2, 3], hours: '08:00-17:00' },
      { location: 'killeen', weekdays: [4, 5], hours: '08:00-16:30' },
    ],
  },
  {
    name: 'Jordan Hayes', credentials: 'PA-C', role: 'physician_assistant', visitTypes: APP_VISITS,
    bioEn: 'Physician assistant for new-patient evaluations and follow-up care.',
    bioEs: 'Asistente médico para evaluaciones de pacientes nuevos y atención de seguimiento.',
    schedule: [{ location: 'round-rock', weekdays: [1, 2, 3, 4, 5], hours: '08:00-17:00' }],
  },
  {
    name: 'Angela Torres', credentials: 'FNP-C', role: 'nurse_practitioner', visitTypes: APP_VISITS,
    bioEn: 'Family nurse practitioner; bilingual care in English and Spanish.',
    bioEs: 'Enfermera practicante familiar; atención bilingüe en inglés y español.',
    schedule: [
      { location: 'killeen', weekdays: [1, 2, 3], hours: '08:00-17:00' },
      { location: 'waco', weekdays: [4, 5], hours: '08:00-17:00' },
    ],
  },
  {
    name: 'Hannah Brooks', credentials: 'PT, DPT', role: 'physical_therapist', visitTypes: ['physical-therapy'],
    bioEn: 'Doctor of physical therapy; spine rehabilitation after surgery.',
    bioEs: 'Doctora en terapia física; rehabilitación de columna después de cirugía.',
    schedule: [{ location: 'cedar-park', weekdays: [1, 2, 3, 4, 5], hours: '07:30-16:30' }],
  },
  {
    name: 'Luis Garza', credentials: 'PT, DPT', role: 'physical_therapist', visitTypes: ['physical-therapy'],
    bioEn: 'Physical therapist for Waco and Killeen; core stabilization and graded activity.',
    bioEs: 'Fisioterapeuta en Waco y Killeen; estabilización del tronco y actividad graduada.',
    schedule: [
      { location: 'waco', weekdays: [1, 3, 5], hours: '07:30-16:30' },
      { location: 'killeen', weekdays: [2, 4], hours: '07:30-16:30' },
    ],
  },
  {
    name: 'Dr. Rebecca Cho', credentials: 'PhD', role: 'psychologist', visitTypes: ['psych-evaluation'],
    bioEn: 'Health psychologist; evaluations before stimulator and pump trials, pain coping skills.',
    bioEs: 'Psicóloga de la salud; evaluaciones antes de pruebas de estimulador y bomba, manejo del dolor.',
    schedule: [
      { location: 'austin-central', weekdays: [2, 3], hours: '09:00-17:00' },
      { location: 'waco', weekdays: [5], hours: '09:00-15:00' },
    ],
  },
];

/** Clinic-wide holidays (every location closed), local dates. */
export const HOLIDAYS: { date: string; name: string }[] = [
  { date: '2026-11-26', name: 'Thanksgiving Day' },
  { date: '2026-11-27', name: 'Day after Thanksgiving' },
  { date: '2026-12-24', name: 'Christmas Eve' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2027-01-01', name: "New Year's Day" },
  { date: '2027-05-31', name: 'Memorial Day' },
  { date: '2027-07-05', name: 'Independence Day (observed)' },
  { date: '2027-09-06', name: 'Labor Day' },
  { date: '2027-11-25', name: 'Thanksgiving Day' },
  { date: '2027-11-26', name: 'Day after Thanksgiving' },
  { date: '2027-12-24', name: 'Christmas Eve' },
  { date: '2027-12-25', name: 'Christmas Day' },
];
