import { DeciderSpecification, InvalidStateError, ValidationFailedError } from '@growth/es';
import type { FrameworkKind } from '@growth/contracts';
import { frameworkDecider, NAME_MAX } from './framework.decider';
import type { FrameworkDraftCreated } from './framework.events';

const spec = DeciderSpecification.for(frameworkDecider);
const frameworkId = '0192f3a0-1111-7000-8000-000000000001';
const created: FrameworkDraftCreated = {
  type: 'FrameworkDraftCreated',
  data: { frameworkId, name: 'Classified Performance Framework', purpose: 'Growth and development of classified staff', kind: 'COMPETENCY_FRAMEWORK' },
};
const create = { type: 'CreateFrameworkDraft' as const, frameworkId, name: '  Classified Performance Framework ', purpose: 'Growth and development of classified staff', kind: 'COMPETENCY_FRAMEWORK' as FrameworkKind };

describe('framework decider', () => {
  describe('CreateFrameworkDraft', () => {
    it('starts a draft with a trimmed name', () => {
      spec.given([]).when(create).then([created]);
    });

    it('refuses to create a framework twice', () => {
      spec.given([created]).when(create).thenThrows(InvalidStateError);
    });

    it('names every invalid field at once', () => {
      const error = spec
        .given([])
        .when({ ...create, name: '   ', kind: 'HOBBIES' as FrameworkKind, purpose: 'x'.repeat(4001) })
        .thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues.map((i) => i.path)).toEqual(['name', 'purpose', 'kind']);
    });

    it('rejects over-long names with the length given', () => {
      spec
        .given([])
        .when({ ...create, name: 'n'.repeat(NAME_MAX + 1) })
        .thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].message.includes(`${NAME_MAX + 1} given`));
    });
  });

  describe('RenameFrameworkDraft', () => {
    const rename = { type: 'RenameFrameworkDraft' as const, frameworkId, name: 'Classified Growth & Development Framework' };

    it('renames a draft', () => {
      spec.given([created]).when(rename).then([{ type: 'FrameworkDraftRenamed', data: { frameworkId, name: rename.name } }]);
    });

    it('does nothing when the name is unchanged', () => {
      spec.given([created]).when({ ...rename, name: created.data.name }).thenNothingHappens();
    });

    it('refuses to rename a framework that does not exist', () => {
      spec.given([]).when(rename).thenThrows(InvalidStateError);
    });

    it('refuses an empty name', () => {
      spec.given([created]).when({ ...rename, name: '' }).thenThrows(ValidationFailedError);
    });
  });
});
