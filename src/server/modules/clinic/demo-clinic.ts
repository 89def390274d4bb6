/**
 * The demo clinic Relief ships with, as one settings document (issue 11): a
 * two-region interventional pain practice in Central Texas. Seeding the demo
 * is importing this document, so the demo is also the example of a
 * document a clinic writes. Addresses are fictional; phone and fax numbers
 * use the 555-01xx range reserved for fiction. Durations and buffers are the
 * defaults of shared/domain/fbss-pathway.md sections 7.2 and 8.1 (status U:
 * configurable).
 */
import type { ClinicDocument } from '../../../shared/contracts/clinic-settings.js';
import type { RoomCapability } from '../../../shared/contracts/clinic.js';

export const DEMO_ORG = { slug: 'relief-demo', name: 'Relief Pain Clinics' };
export const ZONE = 'America/Chicago';

type Doc = ClinicDocument;
type DocLocation = Doc['locations'][number];
type DocVisitType = Doc['visitTypes'][number];
type DocPractitioner = Doc['practitioners'][number];

const MAIN_LINE = 'Main Line (Austin Area)';
const WACO_KILLEEN = 'Waco/Killeen';

/** Front-desk hours, Monday to Friday. */
const FRONT_DESK = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '07:30', closes: '17:30' }));

const room = (name: string, ...capabilities: RoomCapability[]) => ({ name, capabilities, active: true });
const examRooms = (n: number) => Array.from({ length: n }, (_, i) => room(`Exam ${i + 1}`, 'exam', 'consult'));

const location = (l: { slug: string; name: string; region: string; line1: string; city: string; postalCode: string; phone: string; fax: string; rooms: DocLocation['rooms'] }): DocLocation => ({
  slug: l.slug, name: l.name, region: l.region,
  address: { line1: l.line1, line2: '', city: l.city, state: 'TX', postalCode: l.postalCode },
  phone: l.phone, fax: l.fax, timeZone: ZONE, hours: FRONT_DESK, active: true, rooms: l.rooms,
});

const LOCATIONS: DocLocation[] = [
  location({
    slug: 'austin-central', name: 'Austin Central', region: MAIN_LINE, line1: '4100 Medical Parkway, Suite 200', city: 'Austin', postalCode: '78756',
    phone: '(512) 555-0140', fax: '(512) 555-0141',
    rooms: [...examRooms(4), room('Fluoro Suite A', 'fluoroscopy'), room('Fluoro Suite B', 'fluoroscopy'), room('Consult Room', 'consult')],
  }),
  location({
    slug: 'round-rock', name: 'Round Rock', region: MAIN_LINE, line1: '2250 Greenlawn Boulevard, Suite 110', city: 'Round Rock', postalCode: '78664',
    phone: '(512) 555-0152', fax: '(512) 555-0153', rooms: [...examRooms(3), room('Fluoro Suite', 'fluoroscopy')],
  }),
  location({
    slug: 'cedar-park', name: 'Cedar Park', region: MAIN_LINE, line1: '1401 Medical Plaza Drive, Building C', city: 'Cedar Park', postalCode: '78613',
    phone: '(512) 555-0167', fax: '(512) 555-0168', rooms: [...examRooms(2), room('Therapy Gym 1', 'therapy_gym'), room('Therapy Gym 2', 'therapy_gym')],
  }),
  location({
    slug: 'waco', name: 'Waco', region: WACO_KILLEEN, line1: '7000 Bosque Boulevard, Suite 300', city: 'Waco', postalCode: '76710',
    phone: '(254) 555-0118', fax: '(254) 555-0119',
    rooms: [...examRooms(3), room('Fluoro Suite', 'fluoroscopy'), room('Therapy Gym', 'therapy_gym'), room('Consult Room', 'consult')],
  }),
  location({
    slug: 'killeen', name: 'Killeen', region: WACO_KILLEEN, line1: '2600 South Clear Creek Road, Suite 104', city: 'Killeen', postalCode: '76549',
    phone: '(254) 555-0193', fax: '(254) 555-0194', rooms: [...examRooms(3), room('Fluoro Suite', 'fluoroscopy'), room('Therapy Gym', 'therapy_gym')],
  }),
];

/** What every procedure's patient reads before coming: the same three things, in both languages. */
const PROCEDURE = {
  en: 'If you take a blood thinner (for example warfarin, clopidogrel, apixaban or rivaroxaban), do not stop it on your own: '
    + 'we will confirm with you and the clinician who prescribes it whether and when to hold it. If you receive sedation, '
    + 'an adult must drive you home; you may not drive for the rest of the day. Bring a photo ID, your insurance card and a list of your medicines.',
  es: 'Si toma un anticoagulante (por ejemplo warfarina, clopidogrel, apixabán o rivaroxabán), no lo suspenda por su cuenta: '
    + 'confirmaremos con usted y con el profesional que se lo receta si debe suspenderlo y cuándo. Si recibe sedación, '
    + 'un adulto debe llevarle a casa; no puede manejar el resto del día. Traiga una identificación con foto, su tarjeta de seguro y una lista de sus medicamentos.',
};
const BRING = {
  en: 'Bring a photo ID, your insurance card, a list of your medicines, and any imaging reports or discs (MRI, CT, X-ray) and your referral.',
  es: 'Traiga una identificación con foto, su tarjeta de seguro, una lista de sus medicamentos, y cualquier informe o disco de imágenes (resonancia, tomografía, radiografía) y su referencia.',
};

const vt = (v: Omit<DocVisitType, 'bufferBeforeMin' | 'minNoticeMin' | 'horizonDays' | 'cancelCutoffMin' | 'active' | 'instructions' | 'name' | 'description'>
  & { nameEn: string; nameEs: string; descriptionEn: string; descriptionEs: string; instructions?: DocVisitType['instructions']; bufferBeforeMin?: number; minNoticeMin?: number }): DocVisitType => {
  const { nameEn, nameEs, descriptionEn, descriptionEs, ...rest } = v;
  return {
    bufferBeforeMin: 0, minNoticeMin: 120, horizonDays: 90, cancelCutoffMin: 1440, active: true, instructions: { en: '', es: '' },
    ...rest, name: { en: nameEn, es: nameEs }, description: { en: descriptionEn, es: descriptionEs },
  };
};

const VISIT_TYPES: DocVisitType[] = [
  vt({
    code: 'new-patient-consult', nameEn: 'New patient consultation', nameEs: 'Consulta de paciente nuevo',
    descriptionEn: 'A first visit with a pain specialist: history, exam, review of your imaging and a plan of care.',
    descriptionEs: 'Primera visita con un especialista en dolor: historia clínica, examen, revisión de sus estudios de imagen y un plan de atención.',
    instructions: BRING,
    durationMin: 60, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 30, minNoticeMin: 240, online: 'anyone', cptCodes: ['99204', '99205'],
  }),
  vt({
    code: 'follow-up', nameEn: 'Follow-up visit', nameEs: 'Visita de seguimiento',
    descriptionEn: 'A return visit to review progress and adjust your plan.', descriptionEs: 'Una visita para revisar su progreso y ajustar su plan.',
    instructions: { en: 'Bring a list of your medicines and your pain diary if you keep one.', es: 'Traiga una lista de sus medicamentos y su diario del dolor si lo lleva.' },
    // Established patients book their own follow-ups on the portal (issue 12); a new patient is seen first.
    durationMin: 30, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 15, online: 'established', cptCodes: ['99213', '99214', '99215'],
  }),
  vt({
    code: 'physical-therapy', nameEn: 'Physical therapy session', nameEs: 'Sesión de terapia física',
    descriptionEn: 'Exercise-based therapy with a licensed physical therapist.', descriptionEs: 'Terapia basada en ejercicio con un fisioterapeuta licenciado.',
    instructions: { en: 'Wear comfortable clothes and shoes you can exercise in, and bring a water bottle and your home exercise sheet.', es: 'Use ropa y zapatos cómodos con los que pueda hacer ejercicio, y traiga una botella de agua y su hoja de ejercicios en casa.' },
    // Therapy is planned with the therapist's series in mind: the patient asks, the desk books (issue 12).
    durationMin: 45, bufferAfterMin: 15, roomCapability: 'therapy_gym', slotStepMin: 15, online: 'request_only', cptCodes: ['97110', '97140'],
  }),
  vt({
    code: 'epidural-steroid-injection', nameEn: 'Epidural steroid injection', nameEs: 'Inyección epidural de esteroides',
    descriptionEn: 'X-ray-guided injection near the affected spinal nerves.', descriptionEs: 'Inyección guiada por rayos X cerca de los nervios espinales afectados.',
    instructions: PROCEDURE,
    durationMin: 30, bufferAfterMin: 10, roomCapability: 'fluoroscopy', slotStepMin: 15, online: 'staff_only', cptCodes: ['62321', '62323', '64479', '64483'],
  }),
  vt({
    code: 'medial-branch-block', nameEn: 'Medial branch block', nameEs: 'Bloqueo de rama medial',
    descriptionEn: 'A diagnostic X-ray-guided block of the nerves to the facet joints.', descriptionEs: 'Bloqueo diagnóstico guiado por rayos X de los nervios de las articulaciones facetarias.',
    instructions: {
      en: `${PROCEDURE.en} Come with your usual pain, and do not take extra pain medicine that day: the test is read from how your pain changes.`,
      es: `${PROCEDURE.es} Venga con su dolor habitual y no tome analgésicos adicionales ese día: la prueba se interpreta según cómo cambia su dolor.`,
    },
    durationMin: 30, bufferAfterMin: 10, roomCapability: 'fluoroscopy', slotStepMin: 15, online: 'staff_only', cptCodes: ['64490', '64491', '64493', '64494'],
  }),
  vt({
    code: 'radiofrequency-ablation', nameEn: 'Radiofrequency ablation', nameEs: 'Ablación por radiofrecuencia',
    descriptionEn: 'X-ray-guided heat treatment of the nerves carrying facet joint pain.', descriptionEs: 'Tratamiento con calor, guiado por rayos X, de los nervios que transmiten el dolor facetario.',
    instructions: PROCEDURE,
    durationMin: 60, bufferAfterMin: 15, roomCapability: 'fluoroscopy', slotStepMin: 15, online: 'staff_only', cptCodes: ['64633', '64634', '64635', '64636'],
  }),
  vt({
    code: 'scs-trial', nameEn: 'Spinal cord stimulator trial', nameEs: 'Prueba de estimulador de la médula espinal',
    descriptionEn: 'Placement of temporary trial leads under X-ray; you will need a driver.', descriptionEs: 'Colocación de electrodos temporales de prueba con rayos X; necesitará que alguien le lleve a casa.',
    instructions: {
      en: `${PROCEDURE.en} Wear loose clothing; keep the dressing dry and do not shower until the leads are removed.`,
      es: `${PROCEDURE.es} Use ropa holgada; mantenga seco el vendaje y no se duche hasta que le retiren los electrodos.`,
    },
    durationMin: 90, bufferBeforeMin: 15, bufferAfterMin: 15, roomCapability: 'fluoroscopy', slotStepMin: 30, online: 'staff_only', cptCodes: ['63650'],
  }),
  vt({
    code: 'scs-trial-check', nameEn: 'Stimulator trial check', nameEs: 'Revisión de la prueba del estimulador',
    descriptionEn: 'Mid-trial programming and check, day 2 to 3.', descriptionEs: 'Programación y revisión a mitad de la prueba, día 2 a 3.',
    instructions: { en: 'Bring the trial remote control and your activity and pain diary.', es: 'Traiga el control remoto de la prueba y su diario de actividad y dolor.' },
    durationMin: 30, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 15, online: 'staff_only', cptCodes: ['95970', '95971'],
  }),
  vt({
    code: 'scs-trial-removal', nameEn: 'Stimulator trial lead removal', nameEs: 'Retiro de electrodos de prueba',
    descriptionEn: 'Removal of the trial leads, day 3 to 7.', descriptionEs: 'Retiro de los electrodos de prueba, día 3 a 7.',
    instructions: { en: 'Bring the trial remote control; the leads come out without sedation.', es: 'Traiga el control remoto de la prueba; los electrodos se retiran sin sedación.' },
    durationMin: 30, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 15, online: 'staff_only', cptCodes: [],
  }),
  vt({
    code: 'pump-refill', nameEn: 'Intrathecal pump refill', nameEs: 'Recarga de bomba intratecal',
    descriptionEn: 'Refill and check of an implanted drug pump.', descriptionEs: 'Recarga y revisión de una bomba de medicamento implantada.',
    instructions: { en: 'Bring your pump identification card.', es: 'Traiga la tarjeta de identificación de su bomba.' },
    durationMin: 30, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 15, online: 'staff_only', cptCodes: ['95990', '95991', '62367', '62368', '62369', '62370'],
  }),
  vt({
    code: 'psych-evaluation', nameEn: 'Psychological evaluation', nameEs: 'Evaluación psicológica',
    descriptionEn: 'The evaluation required before a stimulator or pump trial.', descriptionEs: 'La evaluación requerida antes de una prueba de estimulador o de bomba.',
    instructions: { en: 'Allow two hours, and bring your glasses if you read with them: there are questionnaires to fill in.', es: 'Reserve dos horas y traiga sus lentes si los usa para leer: hay cuestionarios que llenar.' },
    durationMin: 90, bufferAfterMin: 0, roomCapability: 'consult', slotStepMin: 30, online: 'staff_only', cptCodes: ['90791'],
  }),
];

const PROCEDURES = ['epidural-steroid-injection', 'medial-branch-block', 'radiofrequency-ablation', 'scs-trial'];
const PHYSICIAN_VISITS = ['new-patient-consult', 'follow-up', 'scs-trial-check', 'scs-trial-removal', 'pump-refill', ...PROCEDURES];
const APP_VISITS = ['new-patient-consult', 'follow-up', 'scs-trial-check', 'scs-trial-removal', 'pump-refill'];

/** location slug -> weekdays (1 = Monday) with 'HH:MM-HH:MM', expanded into one entry a weekday. */
const weekly = (...blocks: { location: string; weekdays: number[]; hours: string }[]): DocPractitioner['schedule'] =>
  blocks.flatMap((b) => {
    const [start, end] = b.hours.split('-') as [string, string];
    return b.weekdays.map((weekday) => ({ location: b.location, weekday, start, end, validFrom: null, validTo: null }));
  });

const person = (p: Omit<DocPractitioner, 'bio' | 'active'> & { bioEn: string; bioEs: string }): DocPractitioner => {
  const { bioEn, bioEs, ...rest } = p;
  return { ...rest, bio: { en: bioEn, es: bioEs }, active: true };
};

const PRACTITIONERS: DocPractitioner[] = [
  person({
    name: 'Dr. Elena Ortiz', credentials: 'MD', role: 'physician', languages: ['en', 'es'], visitTypes: PHYSICIAN_VISITS,
    bioEn: 'Board-certified in anesthesiology and pain medicine; leads the neuromodulation program.',
    bioEs: 'Certificada en anestesiología y medicina del dolor; dirige el programa de neuromodulación.',
    schedule: weekly({ location: 'austin-central', weekdays: [1, 3, 5], hours: '08:00-17:00' }, { location: 'round-rock', weekdays: [2, 4], hours: '08:00-16:00' }),
  }),
  person({
    name: 'Dr. Marcus Reed', credentials: 'MD', role: 'physician', languages: ['en'], visitTypes: PHYSICIAN_VISITS,
    bioEn: 'Interventional pain physician focused on spine procedures and failed back surgery syndrome.',
    bioEs: 'Médico intervencionista del dolor especializado en procedimientos de columna y síndrome de cirugía de espalda fallida.',
    schedule: weekly({ location: 'austin-central', weekdays: [2, 4], hours: '08:00-17:00' }, { location: 'cedar-park', weekdays: [1, 3], hours: '09:00-17:00' }),
  }),
  person({
    name: 'Dr. Priya Natarajan', credentials: 'MD', role: 'physician', languages: ['en'], visitTypes: PHYSICIAN_VISITS,
    bioEn: 'Pain medicine physician serving Waco and Killeen; intrathecal pump management.',
    bioEs: 'Médica del dolor en Waco y Killeen; manejo de bombas intratecales.',
    schedule: weekly({ location: 'waco', weekdays: [1, 2, 3], hours: '08:00-17:00' }, { location: 'killeen', weekdays: [4, 5], hours: '08:00-16:30' }),
  }),
  person({
    name: 'Jordan Hayes', credentials: 'PA-C', role: 'physician_assistant', languages: ['en'], visitTypes: APP_VISITS,
    bioEn: 'Physician assistant for new-patient evaluations and follow-up care.',
    bioEs: 'Asistente médico para evaluaciones de pacientes nuevos y atención de seguimiento.',
    schedule: weekly({ location: 'round-rock', weekdays: [1, 2, 3, 4, 5], hours: '08:00-17:00' }),
  }),
  person({
    name: 'Angela Torres', credentials: 'FNP-C', role: 'nurse_practitioner', languages: ['en', 'es'], visitTypes: APP_VISITS,
    bioEn: 'Family nurse practitioner; bilingual care in English and Spanish.',
    bioEs: 'Enfermera practicante familiar; atención bilingüe en inglés y español.',
    schedule: weekly({ location: 'killeen', weekdays: [1, 2, 3], hours: '08:00-17:00' }, { location: 'waco', weekdays: [4, 5], hours: '08:00-17:00' }),
  }),
  person({
    name: 'Hannah Brooks', credentials: 'PT, DPT', role: 'physical_therapist', languages: ['en'], visitTypes: ['physical-therapy'],
    bioEn: 'Doctor of physical therapy; spine rehabilitation after surgery.',
    bioEs: 'Doctora en terapia física; rehabilitación de columna después de cirugía.',
    schedule: weekly({ location: 'cedar-park', weekdays: [1, 2, 3, 4, 5], hours: '07:30-16:30' }),
  }),
  person({
    name: 'Luis Garza', credentials: 'PT, DPT', role: 'physical_therapist', languages: ['en', 'es'], visitTypes: ['physical-therapy'],
    bioEn: 'Physical therapist for Waco and Killeen; core stabilization and graded activity.',
    bioEs: 'Fisioterapeuta en Waco y Killeen; estabilización del tronco y actividad graduada.',
    schedule: weekly({ location: 'waco', weekdays: [1, 3, 5], hours: '07:30-16:30' }, { location: 'killeen', weekdays: [2, 4], hours: '07:30-16:30' }),
  }),
  person({
    name: 'Dr. Rebecca Cho', credentials: 'PhD', role: 'psychologist', languages: ['en'], visitTypes: ['psych-evaluation'],
    bioEn: 'Health psychologist; evaluations before stimulator and pump trials, pain coping skills.',
    bioEs: 'Psicóloga de la salud; evaluaciones antes de pruebas de estimulador y bomba, manejo del dolor.',
    schedule: weekly({ location: 'austin-central', weekdays: [2, 3], hours: '09:00-17:00' }, { location: 'waco', weekdays: [5], hours: '09:00-15:00' }),
  }),
];

/** Clinic-wide holidays (every location closed), local dates. */
const HOLIDAYS: Doc['holidays'] = [
  ['2026-11-26', 'Thanksgiving Day'],
  ['2026-11-27', 'Day after Thanksgiving'],
  ['2026-12-24', 'Christmas Eve'],
  ['2026-12-25', 'Christmas Day'],
  ['2027-01-01', "New Year's Day"],
  ['2027-05-31', 'Memorial Day'],
  ['2027-07-05', 'Independence Day (observed)'],
  ['2027-09-06', 'Labor Day'],
  ['2027-11-25', 'Thanksgiving Day'],
  ['2027-11-26', 'Day after Thanksgiving'],
  ['2027-12-24', 'Christmas Eve'],
  ['2027-12-25', 'Christmas Day'],
].map(([date, name]) => ({ date: date!, name: name!, location: null }));

export const DEMO_DOCUMENT: ClinicDocument = {
  format: 'relief.clinic-settings',
  version: 1,
  organization: {
    name: DEMO_ORG.name, mainPhone: '(512) 555-0100', billingPhone: '(512) 555-0109', websiteUrl: 'https://relief-demo.example', replyBusinessDays: 2,
    smsQuietHours: { start: '21:00', end: '08:00' },
    onlineBooking: true, logo: null,
  },
  regions: [{ name: MAIN_LINE }, { name: WACO_KILLEEN }],
  locations: LOCATIONS,
  holidays: HOLIDAYS,
  visitTypes: VISIT_TYPES,
  practitioners: PRACTITIONERS,
};

/** Time off is the desk's, not a setting: the demo seeds Dr. Ortiz's conference week beside the document. */
export const DEMO_TIME_OFF = [{ practitioner: 'Dr. Elena Ortiz', from: '2026-12-14', to: '2026-12-18', reason: 'Conference' }];
