import { DeciderSpecification, NotFoundError, InvalidStateError, ValidationFailedError } from '@growth/es';
import type { SiteFacts } from './site.commands';
import { siteDecider } from './site.decider';
import type { SiteOpened } from './site.events';

const spec = DeciderSpecification.for(siteDecider);
const district = '0192f3a0-0000-7000-8000-000000000001';
const school = '0192f3a0-0000-7000-8000-000000000002';
const annex = '0192f3a0-0000-7000-8000-000000000003';
const noFacts: SiteFacts = { parentKnown: false, parentAncestry: [], codeUsedBy: null };
const under = (parent: string, ...above: string[]): SiteFacts => ({ parentKnown: true, parentAncestry: [parent, ...above], codeUsedBy: null });

const opened: SiteOpened = { type: 'SiteOpened', data: { siteId: school, code: 'S-101', name: 'Roosevelt High', kind: 'SCHOOL', parentSiteId: district } };
const open = { type: 'OpenSite' as const, siteId: school, code: 'S-101', name: ' Roosevelt High', kind: 'SCHOOL' as const, parentSiteId: district, facts: under(district) };

describe('site decider', () => {
  describe('OpenSite', () => {
    it('opens a site under a parent', () => {
      spec.given([]).when(open).then([opened]);
    });

    it('opens a root site', () => {
      spec.given([]).when({ ...open, parentSiteId: null, facts: noFacts }).then([{ ...opened, data: { ...opened.data, parentSiteId: null } }]);
    });

    it('names every invalid field', () => {
      const error = spec
        .given([])
        .when({ ...open, code: 'has space', name: '', kind: 'CASTLE' as never, facts: noFacts })
        .thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues.map((i) => i.path)).toEqual(['code', 'name', 'kind', 'parentSiteId']);
    });

    it('refuses a code another site uses', () => {
      spec.given([]).when({ ...open, facts: { ...under(district), codeUsedBy: annex } }).thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].path === 'code');
    });

    it('refuses to open the same site twice', () => {
      spec.given([opened]).when(open).thenThrows(InvalidStateError);
    });
  });

  describe('ChangeSiteDetails', () => {
    it('renames and re-kinds, with before and after', () => {
      spec
        .given([opened])
        .when({ type: 'ChangeSiteDetails', siteId: school, name: 'Roosevelt Senior High', kind: 'SCHOOL' })
        .then([{ type: 'SiteDetailsChanged', data: { siteId: school, changes: { name: { from: 'Roosevelt High', to: 'Roosevelt Senior High' } } } }]);
    });

    it('does nothing for the same name', () => {
      spec.given([opened]).when({ type: 'ChangeSiteDetails', siteId: school, name: 'Roosevelt High ' }).thenNothingHappens();
    });

    it('refuses an empty name and a site that does not exist', () => {
      spec.given([opened]).when({ type: 'ChangeSiteDetails', siteId: school, name: '  ' }).thenThrows(ValidationFailedError);
      spec.given([]).when({ type: 'ChangeSiteDetails', siteId: school, name: 'x' }).thenThrows(NotFoundError);
    });
  });

  describe('MoveSite', () => {
    it('moves a site under another parent', () => {
      spec
        .given([opened])
        .when({ type: 'MoveSite', siteId: school, parentSiteId: annex, facts: under(annex, district) })
        .then([{ type: 'SiteMoved', data: { siteId: school, fromParentSiteId: district, toParentSiteId: annex } }]);
    });

    it('does nothing when the parent is the same', () => {
      spec.given([opened]).when({ type: 'MoveSite', siteId: school, parentSiteId: district, facts: under(district) }).thenNothingHappens();
    });

    it('refuses to move a site under its own descendant, or under itself', () => {
      // annex sits below school: school -> annex would close a loop.
      spec
        .given([opened])
        .when({ type: 'MoveSite', siteId: school, parentSiteId: annex, facts: under(annex, school, district) })
        .thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].path === 'parentSiteId' && /descendants/.test(e.issues[0].message));
      spec.given([opened]).when({ type: 'MoveSite', siteId: school, parentSiteId: school, facts: under(school, district) }).thenThrows(ValidationFailedError);
    });

    it('refuses an unknown parent and a site that does not exist', () => {
      spec.given([opened]).when({ type: 'MoveSite', siteId: school, parentSiteId: annex, facts: noFacts }).thenThrows(ValidationFailedError);
      spec.given([]).when({ type: 'MoveSite', siteId: school, parentSiteId: null, facts: noFacts }).thenThrows(NotFoundError);
    });
  });

  describe('SyncSiteFromHris', () => {
    const sync = { type: 'SyncSiteFromHris' as const, siteId: school, code: 'S-101', name: 'Roosevelt High', parentSiteId: district, facts: under(district) };

    it('opens an unknown site without a kind', () => {
      spec.given([]).when(sync).then([{ ...opened, data: { ...opened.data, kind: null } }]);
    });

    it('changes nothing when the feed agrees', () => {
      spec.given([opened]).when(sync).thenNothingHappens();
    });

    it('emits only what differs', () => {
      spec
        .given([opened])
        .when({ ...sync, name: 'Roosevelt HS', parentSiteId: null, facts: noFacts })
        .then([
          { type: 'SiteDetailsChanged', data: { siteId: school, changes: { name: { from: 'Roosevelt High', to: 'Roosevelt HS' } } } },
          { type: 'SiteMoved', data: { siteId: school, fromParentSiteId: district, toParentSiteId: null } },
        ]);
    });

    it('refuses a different code for the same site', () => {
      spec.given([opened]).when({ ...sync, code: 'S-999' }).thenThrows(InvalidStateError);
    });
  });
});
