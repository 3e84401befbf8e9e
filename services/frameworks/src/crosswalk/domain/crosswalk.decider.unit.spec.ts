import { DeciderSpecification, InvalidStateError, NotFoundError, ValidationFailedError } from '@growth/es';
import { crosswalkDecider } from './crosswalk.decider';
import type { AlignCompetencies, RemoveAlignment } from './crosswalk.commands';
import type { CompetenciesAligned, CompetencyAlignmentRemoved } from './crosswalk.events';

const spec = DeciderSpecification.for(crosswalkDecider);
const classified = '0192f3a0-1111-7000-8000-000000000001';
const leadership = '0192f3a0-2222-7000-8000-000000000002';
const communication = { frameworkId: classified, competencyId: 'communication' };
const influence = { frameworkId: leadership, competencyId: 'connect-influence' };
const align: AlignCompetencies = { type: 'AlignCompetencies', from: influence, to: communication, relation: 'BROADER', note: ' Influence includes communicating ', found: { from: true, to: true } };
const aligned: CompetenciesAligned = { type: 'CompetenciesAligned', data: { from: influence, to: communication, relation: 'BROADER', note: 'Influence includes communicating' } };
const remove: RemoveAlignment = { type: 'RemoveAlignment', from: influence, to: communication };
const removed: CompetencyAlignmentRemoved = { type: 'CompetencyAlignmentRemoved', data: { from: influence, to: communication, relation: 'BROADER' } };

describe('crosswalk decider', () => {
  describe('AlignCompetencies', () => {
    it('aligns two competencies of different frameworks, with the note trimmed', () => {
      spec.given([]).when(align).then([aligned]);
    });

    it('aligns without a note', () => {
      const { note: _note, ...withoutNote } = align;
      spec.given([]).when(withoutNote).then([{ type: 'CompetenciesAligned', data: { from: influence, to: communication, relation: 'BROADER' } }]);
    });

    it('refuses two competencies of the same framework', () => {
      spec
        .given([])
        .when({ ...align, to: { frameworkId: leadership, competencyId: 'inspire' } })
        .thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues.some((i) => i.path === 'to.frameworkId'));
    });

    it('refuses competencies not in the current content, naming each side', () => {
      const error = spec
        .given([])
        .when({ ...align, found: { from: false, to: false } })
        .thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues.map((i) => i.path)).toEqual(['from.competencyId', 'to.competencyId']);
    });

    it('refuses an unknown relation and malformed ids', () => {
      const error = spec
        .given([])
        .when({ ...align, relation: 'SIMILAR' as never, from: { frameworkId: classified, competencyId: 'not an id' } })
        .thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['from.competencyId', 'relation', 'to.frameworkId']));
    });

    it('refuses an empty note', () => {
      spec
        .given([])
        .when({ ...align, note: '   ' })
        .thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].path === 'note');
    });

    it('refuses a pair already aligned, either way round and whatever the relation', () => {
      spec.given([aligned]).when(align).thenThrows(InvalidStateError);
      spec
        .given([aligned])
        .when({ ...align, from: communication, to: influence, relation: 'NARROWER' })
        .thenThrows(InvalidStateError);
      spec
        .given([aligned])
        .when({ ...align, relation: 'EQUIVALENT' })
        .thenThrows(InvalidStateError);
    });

    it('aligns the pair again once its alignment was removed', () => {
      spec.given([aligned, removed]).when({ ...align, relation: 'RELATED', note: undefined }).then([{ type: 'CompetenciesAligned', data: { from: influence, to: communication, relation: 'RELATED' } }]);
    });
  });

  describe('RemoveAlignment', () => {
    it('removes an alignment as it was stated', () => {
      spec.given([aligned]).when(remove).then([removed]);
    });

    it('removes it named the other way round', () => {
      spec.given([aligned]).when({ ...remove, from: communication, to: influence }).then([removed]);
    });

    it('refuses to remove an unknown alignment', () => {
      spec.given([]).when(remove).thenThrows(NotFoundError);
      spec.given([aligned, removed]).when(remove).thenThrows(NotFoundError);
    });
  });
});
