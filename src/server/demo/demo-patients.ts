/**
 * The demo clinic's fictional patients (issue 11, part 4): Central Texas names,
 * some who read Spanish, phone numbers in the 555-01xx range reserved for
 * fiction and addresses at example.com (RFC 2606), so no real person is ever
 * written to or called. `area` 0 lives near the Austin-area locations, 1 near
 * Waco and Killeen (the demo's two regions, by their order).
 */
export interface DemoPatient {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  preferredLanguage: 'en' | 'es';
  area: 0 | 1;
}

const p = (firstName: string, lastName: string, dateOfBirth: string, phone: string, email: string, preferredLanguage: 'en' | 'es', area: 0 | 1): DemoPatient =>
  ({ firstName, lastName, dateOfBirth, phone, email: `${email}@example.com`, preferredLanguage, area });

export const DEMO_PATIENTS: readonly DemoPatient[] = [
  p('María', 'Hernández', '1961-03-14', '(512) 555-0171', 'maria.hernandez', 'es', 0),
  p('James', 'Whitfield', '1958-09-02', '(512) 555-0172', 'james.whitfield', 'en', 0),
  p('Rosa', 'Galindo', '1970-06-21', '(512) 555-0173', 'rosa.galindo', 'es', 0),
  p('Brian', 'Kowalski', '1975-11-30', '(512) 555-0174', 'brian.kowalski', 'en', 0),
  p('Linda', 'Pham', '1966-01-08', '(512) 555-0175', 'linda.pham', 'en', 0),
  p('José', 'Treviño', '1954-04-17', '(512) 555-0176', 'jose.trevino', 'es', 0),
  p('Karen', 'Mitchell', '1969-08-25', '(512) 555-0177', 'karen.mitchell', 'en', 0),
  p('Daniel', 'Okafor', '1982-02-12', '(512) 555-0178', 'daniel.okafor', 'en', 0),
  p('Patricia', 'Salinas', '1963-12-03', '(512) 555-0179', 'patricia.salinas', 'es', 0),
  p('Michael', 'Brennan', '1957-07-19', '(512) 555-0180', 'michael.brennan', 'en', 0),
  p('Ana', 'Cantú', '1978-05-27', '(512) 555-0181', 'ana.cantu', 'es', 0),
  p('Robert', 'Lindqvist', '1951-10-09', '(512) 555-0182', 'robert.lindqvist', 'en', 0),
  p('Sandra', 'Villalobos', '1972-03-31', '(512) 555-0183', 'sandra.villalobos', 'en', 0),
  p('Thomas', 'Nguyen', '1985-09-14', '(512) 555-0184', 'thomas.nguyen', 'en', 0),
  p('Carmen', 'Ibarra', '1960-02-22', '(512) 555-0185', 'carmen.ibarra', 'es', 0),
  p('Gerald', 'Hutchins', '1953-06-06', '(254) 555-0186', 'gerald.hutchins', 'en', 1),
  p('Dolores', 'Zamora', '1959-11-11', '(254) 555-0187', 'dolores.zamora', 'es', 1),
  p('Marcus', 'Bell', '1977-04-04', '(254) 555-0188', 'marcus.bell', 'en', 1),
  p('Yolanda', 'Ochoa', '1967-08-18', '(254) 555-0189', 'yolanda.ochoa', 'es', 1),
  p('Kevin', 'Draper', '1980-12-29', '(254) 555-0190', 'kevin.draper', 'en', 1),
  p('Teresa', 'Montoya', '1964-07-07', '(254) 555-0191', 'teresa.montoya', 'es', 1),
  p('Darnell', 'Jackson', '1973-01-23', '(254) 555-0192', 'darnell.jackson', 'en', 1),
  p('Beverly', 'Sims', '1955-05-15', '(254) 555-0193', 'beverly.sims', 'en', 1),
  p('Ramón', 'Esquivel', '1962-10-26', '(254) 555-0194', 'ramon.esquivel', 'es', 1),
];

/** What the front desk wrote down when each kind of visit was booked (staff notes are in English). */
export const DEMO_REASONS: Record<string, readonly string[]> = {
  'new-patient-consult': [
    'Low back pain for two years after a lumbar fusion; referred by primary care.',
    'Neck pain radiating to the right arm for six months.',
    'Sciatica down the left leg; physical therapy has not helped.',
  ],
  'follow-up': [
    'Review of pain diary and medication after last visit.',
    'Follow-up after injection: about 50% relief so far.',
    'Follow-up of low back pain; discuss next step of the plan.',
  ],
  'physical-therapy': ['Core stabilization, week 3 of 6.', 'Graded activity program after lumbar surgery.'],
  'epidural-steroid-injection': ['Lumbar epidural steroid injection, L4-L5, as planned.'],
  'medial-branch-block': ['Diagnostic medial branch block, right L3-L5.'],
  'radiofrequency-ablation': ['Radiofrequency ablation after two positive medial branch blocks.'],
  'psych-evaluation': ['Evaluation before a spinal cord stimulator trial.'],
  'pump-refill': ['Intrathecal pump refill and check.'],
  'scs-trial': ['Spinal cord stimulator trial leads; driver arranged.'],
  'scs-trial-check': ['Stimulator trial check and programming.'],
  'scs-trial-removal': ['Removal of stimulator trial leads.'],
};
export const DEFAULT_REASON = 'Chronic low back pain.';
