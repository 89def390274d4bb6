import type { TestProject } from 'vitest/node';
import { holdTemplate } from './test-template.js';

/**
 * Tells every test file where this run's demo-clinic template lives (the first
 * file to need it builds it), drops templates that earlier runs left behind,
 * and removes this run's at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await holdTemplate(process.env.DATABASE_URL);
  project.provide('reliefTemplate', template.place);
  return () => template.release();
}
