import type { FrameworkDefinition } from './domain/framework.model';
import { contentFields } from './framework.view';

const definition = (descriptors: Record<string, string>): FrameworkDefinition => ({
  kind: 'COMPETENCY_FRAMEWORK',
  name: 'Classified Performance Framework',
  purpose: '',
  ratingScale: {
    id: 'lausd',
    name: 'LAUSD',
    levels: [
      { id: 'DEVELOPING', label: 'Developing', definition: 'Inconsistent practice', benchmark: false },
      { id: 'EFFECTIVE', label: 'Effective', definition: 'Consistent practice', benchmark: true },
      { id: 'EFFECTIVE_PLUS', label: 'Effective+', definition: 'Builds capacity of co-workers', benchmark: false },
    ],
  },
  clusters: [{ id: 'work', name: 'Work Attributes', definition: '', competencies: [{ id: 'attendance', name: 'Attendance', definition: '', indicators: [], descriptors }] }],
});

describe('framework views', () => {
  it('lists descriptors in the order of the rating scale, not the order they were stored in', () => {
    const stored = { EFFECTIVE_PLUS: 'Helps others to be on time', DEVELOPING: 'Often late', EFFECTIVE: 'On time' };
    const [competency] = contentFields(definition(stored)).clusters[0].competencies;
    expect(competency.descriptors.map((d) => d.levelId)).toEqual(['DEVELOPING', 'EFFECTIVE', 'EFFECTIVE_PLUS']);
    expect(competency.descriptors[0].text).toBe('Often late');
  });
});
