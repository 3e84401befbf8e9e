import { DeciderSpecification, NotFoundError, fold, InvalidStateError, ValidationFailedError } from '@growth/es';
import type { FrameworkKind } from '@growth/contracts';
import { frameworkDecider, NAME_MAX, PURPOSE_MAX, REASON_MAX } from './framework.decider';
import type { FrameworkCommand } from './framework.commands';
import type {
  FrameworkDraftContentReplaced,
  FrameworkDraftCreated,
  FrameworkDraftRenamed,
  FrameworkDraftVersionStarted,
  FrameworkEvent,
  FrameworkPublished,
  FrameworkRetired,
} from './framework.events';
import type { Competency, FrameworkContent, FrameworkDefinition, RatingScale } from './framework.model';

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
      spec.given([]).when(rename).thenThrows(NotFoundError);
    });

    it('refuses an empty name', () => {
      spec.given([created]).when({ ...rename, name: '' }).thenThrows(ValidationFailedError);
    });
  });
});

// ---- Content, publication and lifecycle -------------------------------------------------------------------------

const scale: RatingScale = {
  id: 'lausd-classified-ratings',
  name: 'Classified ratings',
  levels: [
    { id: 'DEVELOPING', label: 'Developing', definition: 'Inconsistent practice and outcomes', benchmark: false },
    { id: 'EFFECTIVE', label: 'Effective', definition: 'Consistent practice and outcomes', benchmark: true },
    { id: 'EFFECTIVE_PLUS', label: 'Effective+', definition: 'Exceptional practice and outcomes + builds capacity of co-workers', benchmark: false },
  ],
};
const competency = (id: string, name: string): Competency => ({
  id,
  name,
  definition: `${name.toLowerCase()}, as the framework defines it`,
  indicators: [],
  descriptors: { DEVELOPING: `inconsistent ${name}`, EFFECTIVE: `consistent ${name}`, EFFECTIVE_PLUS: `consistent ${name}, PLUS helps co-workers` },
});
const attendance = competency('attendance', 'Attendance');
const quality = competency('quality-of-work', 'Quality of Work');
const people = competency('people-management', 'People Management');
const rules = { minCompetencies: 2, maxCompetencies: 3, atLeastOnePerCluster: true, clustersRequiredOnlyForSupervisors: ['leadership'], positionSpecificCompetencies: [] };
const content: FrameworkContent = {
  ratingScale: scale,
  clusters: [
    { id: 'work-attributes', name: 'Work Attributes', definition: '', competencies: [attendance, quality] },
    { id: 'leadership', name: 'Leadership', definition: 'management and/or supervision of staff', competencies: [people] },
  ],
  selectionRules: rules,
};
const { frameworkId: _id, ...identity } = created.data;
const definitionV1: FrameworkDefinition = { ...identity, ...content };

const replace = (c: FrameworkContent): FrameworkCommand => ({ type: 'ReplaceFrameworkDraftContent', frameworkId, content: c });
const filled: FrameworkDraftContentReplaced = {
  type: 'FrameworkDraftContentReplaced',
  data: {
    frameworkId,
    version: 1,
    content,
    changes: [
      { change: 'ADDED', entity: 'ratingScale', before: null, after: scale, summary: 'rating scale "Classified ratings" added' },
      { change: 'ADDED', entity: 'cluster', clusterId: 'work-attributes', before: null, after: { id: 'work-attributes', name: 'Work Attributes', definition: '' }, summary: 'cluster "Work Attributes" (work-attributes) added' },
      { change: 'ADDED', entity: 'cluster', clusterId: 'leadership', before: null, after: { id: 'leadership', name: 'Leadership', definition: 'management and/or supervision of staff' }, summary: 'cluster "Leadership" (leadership) added' },
      { change: 'ADDED', entity: 'competency', clusterId: 'work-attributes', competencyId: 'attendance', before: null, after: attendance, summary: 'competency "Attendance" (attendance) added to cluster "Work Attributes" (work-attributes)' },
      { change: 'ADDED', entity: 'competency', clusterId: 'work-attributes', competencyId: 'quality-of-work', before: null, after: quality, summary: 'competency "Quality of Work" (quality-of-work) added to cluster "Work Attributes" (work-attributes)' },
      { change: 'ADDED', entity: 'competency', clusterId: 'leadership', competencyId: 'people-management', before: null, after: people, summary: 'competency "People Management" (people-management) added to cluster "Leadership" (leadership)' },
      { change: 'ADDED', entity: 'selectionRules', before: null, after: content.selectionRules, summary: 'selection rules added' },
    ],
  },
};
const publishedAt = '2026-09-01T08:00:00.000Z';
const publish: FrameworkCommand = { type: 'PublishFramework', frameworkId, now: new Date(publishedAt) };
const published: FrameworkPublished = { type: 'FrameworkPublished', data: { frameworkId, version: 1, publishedAt, framework: definitionV1 } };
const v2Started: FrameworkDraftVersionStarted = { type: 'FrameworkDraftVersionStarted', data: { frameworkId, version: 2, basedOnVersion: 1, framework: definitionV1 } };
const retire: FrameworkCommand = { type: 'RetireFramework', frameworkId, reason: ' Replaced by the 2027 framework ', now: new Date('2027-07-01T00:00:00.000Z') };
const retired = (lastPublishedVersion: number | null, abandonedDraftVersion: number | null): FrameworkRetired => ({
  type: 'FrameworkRetired',
  data: { frameworkId, retiredAt: '2027-07-01T00:00:00.000Z', reason: 'Replaced by the 2027 framework', lastPublishedVersion, abandonedDraftVersion },
});
const issuesOf = (events: FrameworkEvent[], command: FrameworkCommand): string[] =>
  spec
    .given(events)
    .when(command)
    .thenThrows<ValidationFailedError>(ValidationFailedError)
    .issues.map((i) => `${i.path}: ${i.message}`);

describe('ChangeFrameworkDraftPurpose', () => {
  const change = { type: 'ChangeFrameworkDraftPurpose' as const, frameworkId, purpose: ' Clear expectations for the classified service ' };

  it('changes the purpose of the open draft, trimmed', () => {
    spec.given([created]).when(change).then([{ type: 'FrameworkDraftPurposeChanged', data: { frameworkId, version: 1, purpose: 'Clear expectations for the classified service' } }]);
  });

  it('does nothing when the purpose is unchanged', () => {
    spec.given([created]).when({ ...change, purpose: created.data.purpose }).thenNothingHappens();
  });

  it('refuses an over-long purpose', () => {
    expect(issuesOf([created], { ...change, purpose: 'p'.repeat(PURPOSE_MAX + 1) })).toEqual([`purpose: must be at most ${PURPOSE_MAX} characters`]);
  });
});

describe('ReplaceFrameworkDraftContent', () => {
  it('fills a new draft, listing what was added', () => {
    spec.given([created]).when(replace(content)).then([filled]);
  });

  it('does nothing when the content is unchanged, whatever the key order', () => {
    const reordered: FrameworkContent = { selectionRules: content.selectionRules, clusters: content.clusters, ratingScale: content.ratingScale };
    spec.given([created, filled]).when(replace(reordered)).thenNothingHappens();
  });

  it('records each change for the audit trail', () => {
    const edited: FrameworkContent = {
      ...content,
      clusters: [{ ...content.clusters[0], competencies: [quality, { ...attendance, name: 'Attendance and Punctuality' }] }, content.clusters[1]],
    };
    spec
      .given([created, filled])
      .when(replace(edited))
      .then([
        {
          type: 'FrameworkDraftContentReplaced',
          data: {
            frameworkId,
            version: 1,
            content: edited,
            changes: [
              {
                change: 'CHANGED',
                entity: 'competency',
                clusterId: 'work-attributes',
                competencyId: 'attendance',
                field: 'name',
                before: 'Attendance',
                after: 'Attendance and Punctuality',
                summary: 'competency "Attendance and Punctuality" (attendance): name changed',
              },
              {
                change: 'REORDERED',
                entity: 'competency',
                clusterId: 'work-attributes',
                before: ['attendance', 'quality-of-work'],
                after: ['quality-of-work', 'attendance'],
                summary: 'competencies of cluster "Work Attributes" (work-attributes) reordered',
              },
            ],
          },
        },
      ]);
  });

  it('accepts an incomplete draft: completeness is checked on publishing', () => {
    const incomplete: FrameworkContent = { clusters: [{ id: 'work-attributes', name: 'Work Attributes', definition: '', competencies: [{ ...attendance, descriptors: {} }] }] };
    const [event] = frameworkDecider.decide(replace(incomplete), fold(frameworkDecider, [created]));
    expect(event.type).toBe('FrameworkDraftContentReplaced');
  });

  it('stores plain JSON: keys holding undefined are dropped', () => {
    const withUndefined = { ...content, sourceNote: undefined, clusters: content.clusters.map((c) => ({ ...c, sourceNote: undefined })) };
    const [event] = frameworkDecider.decide(replace(withUndefined), fold(frameworkDecider, [created]));
    expect(event).toEqual(filled);
    expect(JSON.stringify((event as FrameworkDraftContentReplaced).data.content)).not.toContain('sourceNote');
  });

  it('refuses malformed content, naming every bad field', () => {
    const bad: FrameworkContent = {
      ratingScale: { ...scale, levels: [...scale.levels, { id: 'effective', label: ' Effective', definition: '', benchmark: false }] },
      clusters: [
        { id: 'work attributes', name: 'Work Attributes', definition: '', competencies: [attendance, { ...quality, indicators: [''] }] },
        { id: 'leadership', name: '', definition: '', competencies: [{ ...people, id: 'attendance' }], sourceNote: '' },
      ],
    };
    expect(issuesOf([created], replace(bad))).toEqual([
      'ratingScale.levels[3].id: must be an upper-case code such as EFFECTIVE_PLUS',
      'ratingScale.levels[3].label: must not be empty, start or end with spaces, or span several lines',
      'clusters[0].id: must be an id: letters, digits, ".", "_" or "-", starting with a letter or digit',
      'clusters[0].competencies[1].indicators[0]: must not be empty',
      'clusters[1].name: must not be empty, start or end with spaces, or span several lines',
      'clusters[1].sourceNote: must not be empty',
      'clusters[1].competencies[0].id: competency id "attendance" is already used by clusters[0].competencies[0].id',
    ]);
  });

  it('refuses to edit a framework that does not exist', () => {
    spec.given([]).when(replace(content)).thenThrows(NotFoundError);
  });
});

describe('PublishFramework', () => {
  it('publishes a complete draft as version 1, carrying the whole version', () => {
    spec.given([created, filled]).when(publish).then([published]);
  });

  it('lists every problem that keeps a draft from being published, with its path', () => {
    const incomplete: FrameworkContent = {
      ratingScale: { ...scale, levels: scale.levels.map((l) => ({ ...l, benchmark: true })) },
      clusters: [
        { id: 'work-attributes', name: 'Work Attributes', definition: '', competencies: [attendance, { ...quality, name: 'attendance' }] },
        { id: 'behavior', name: 'Work Attributes', definition: '', competencies: [] },
        {
          id: 'leadership',
          name: 'Leadership',
          definition: '',
          competencies: [{ ...people, descriptors: { DEVELOPING: 'x', EFFECTIVE: ' ', EXCELLENT: 'y' } }],
          expectations: { SELF_MANAGEMENT: ['x'] },
        },
      ],
      selectionRules: { minCompetencies: 8, maxCompetencies: 12, atLeastOnePerCluster: true, clustersRequiredOnlyForSupervisors: ['leadership', 'management'], positionSpecificCompetencies: [] },
    };
    const draft = { type: 'FrameworkDraftContentReplaced' as const, data: { frameworkId, version: 1, content: incomplete, changes: [] } };
    expect(issuesOf([created, draft], publish)).toEqual([
      'ratingScale.levels: exactly one level must be the benchmark; 3 marked',
      'clusters[1].name: "Work Attributes" is already used by clusters[0].name; names must be unique',
      'clusters[0].competencies[1].name: "attendance" is already used by clusters[0].competencies[0].name; names must be unique',
      'clusters[1].competencies: must have at least one competency',
      'clusters[2].competencies[0].descriptors.EFFECTIVE: must not be empty',
      'clusters[2].competencies[0].descriptors.EFFECTIVE_PLUS: required: what "People Management" looks like at "Effective+"',
      'clusters[2].competencies[0].descriptors.EXCELLENT: no level "EXCELLENT" in the rating scale',
      'clusters[2].expectations: the framework defines no levels of responsibility',
      'selectionRules.clustersRequiredOnlyForSupervisors[1]: no cluster "management" in this framework',
    ]);
  });

  it('requires a rating scale of at least two levels and at least one cluster', () => {
    expect(issuesOf([created], publish)).toEqual(['ratingScale: required: a framework is published with the rating scale its competencies are rated on', 'clusters: must have at least one cluster']);
    const oneLevel = { type: 'FrameworkDraftContentReplaced' as const, data: { frameworkId, version: 1, content: { ...content, ratingScale: { ...scale, levels: [scale.levels[1]] } }, changes: [] } };
    expect(issuesOf([created, oneLevel], publish)).toContain('ratingScale.levels: must have at least 2 levels; 1 given');
  });

  it('refuses selection rules nobody can satisfy', () => {
    const tight = { type: 'FrameworkDraftContentReplaced' as const, data: { frameworkId, version: 1, content: { ...content, selectionRules: { ...rules, minCompetencies: 4, maxCompetencies: 4 } }, changes: [] } };
    expect(issuesOf([created, tight], publish)).toEqual([
      'selectionRules.minCompetencies: no valid selection for a person who does not supervise staff: at least 4 must be chosen but only 3 are offered',
      'selectionRules.minCompetencies: no valid selection for a person who supervises staff: at least 4 must be chosen but only 3 are offered',
    ]);
  });

  it('requires expectations for every theme at every level of responsibility', () => {
    const themes: FrameworkContent = {
      clusterTerm: 'THEME',
      ratingScale: scale,
      responsibilityLevels: [
        { id: 'SELF_MANAGEMENT', name: 'Self-management', definition: '', appliesTo: ['TEAM_MANAGER', 'MANAGER_OF_MANAGERS'] },
        { id: 'TEAM_MANAGEMENT', name: 'Team management', definition: '', appliesTo: ['TEAM_MANAGER', 'MANAGER_OF_MANAGERS'] },
      ],
      clusters: [
        { id: 'drive', name: 'Drive', definition: 'Proactively managing the service', competencies: [], expectations: { SELF_MANAGEMENT: ['Complete all mandatory and role-specific training'], TEAM_MANAGEMENT: [] } },
        { id: 'think', name: 'Think', definition: 'Taking the time to reflect and analyse', competencies: [], expectations: { SELF_MANAGEMENT: ['Make and be accountable for your decisions'], TEAMS: ['x'] } },
      ],
    };
    const draft = { type: 'FrameworkDraftContentReplaced' as const, data: { frameworkId, version: 1, content: themes, changes: [] } };
    expect(issuesOf([created, draft], publish)).toEqual([
      'clusters[0].expectations.TEAM_MANAGEMENT: must have at least 1 item',
      'clusters[1].expectations.TEAM_MANAGEMENT: required: what "Think" expects at "Team management"',
      'clusters[1].expectations.TEAMS: no level of responsibility "TEAMS"',
    ]);
  });

  it('refuses an invalid date', () => {
    expect(issuesOf([created, filled], { ...publish, now: new Date('not a date') } as FrameworkCommand)).toEqual(['now: must be a valid date']);
  });
});

describe('a published version never changes', () => {
  const edits: [string, FrameworkCommand][] = [
    ['RenameFrameworkDraft', { type: 'RenameFrameworkDraft', frameworkId, name: 'Another name' }],
    ['ChangeFrameworkDraftPurpose', { type: 'ChangeFrameworkDraftPurpose', frameworkId, purpose: 'Another purpose' }],
    ['ReplaceFrameworkDraftContent', replace({ ...content, clusters: [content.clusters[0]] })],
    ['PublishFramework', publish],
  ];

  it.each(edits)('%s after publishing is refused until a new draft is started', (_name, command) => {
    spec
      .given([created, filled, published])
      .when(command)
      .thenThrows(InvalidStateError, (e) => e.message === `Framework ${frameworkId} version 1 is published and never changes; start a new draft version to change it`);
  });
});

describe('StartNewDraftVersion', () => {
  const start: FrameworkCommand = { type: 'StartNewDraftVersion', frameworkId };

  it('opens version 2 as a copy of published version 1', () => {
    spec.given([created, filled, published]).when(start).then([v2Started]);
  });

  it('lets the new draft be edited and published as version 2, leaving version 1 as it was', () => {
    const renamed: FrameworkDraftRenamed = { type: 'FrameworkDraftRenamed', data: { frameworkId, name: 'Classified Performance Framework 2027' } };
    spec.given([created, filled, published, v2Started]).when({ type: 'RenameFrameworkDraft', frameworkId, name: renamed.data.name }).then([renamed]);
    spec
      .given([created, filled, published, v2Started, renamed])
      .when(publish)
      .then([{ type: 'FrameworkPublished', data: { frameworkId, version: 2, publishedAt, framework: { ...definitionV1, name: renamed.data.name } } }]);

    const state = fold(frameworkDecider, [created, filled, published, v2Started, renamed, { ...published, data: { ...published.data, version: 2 } }]);
    expect(state.status === 'published' && state.publishedVersions.map((v) => v.version)).toEqual([1, 2]);
    expect(published.data.framework.name).toBe('Classified Performance Framework');
  });

  it('refuses while a draft is open', () => {
    spec.given([created]).when(start).thenThrows(InvalidStateError, (e) => e.message.includes('already has draft version 1 open'));
    spec.given([created, filled, published, v2Started]).when(start).thenThrows(InvalidStateError, (e) => e.message.includes('draft version 2'));
  });

  it('refuses for a framework that does not exist', () => {
    spec.given([]).when(start).thenThrows(NotFoundError);
  });
});

describe('RetireFramework', () => {
  it('retires a published framework', () => {
    spec.given([created, filled, published]).when(retire).then([retired(1, null)]);
  });

  it('abandons an open draft, naming the versions involved', () => {
    spec.given([created, filled, published, v2Started]).when(retire).then([retired(1, 2)]);
    spec.given([created]).when(retire).then([retired(null, 1)]);
  });

  it('refuses everything afterwards', () => {
    const after: FrameworkCommand[] = [
      retire,
      { type: 'StartNewDraftVersion', frameworkId },
      publish,
      replace(content),
      { type: 'RenameFrameworkDraft', frameworkId, name: 'Another name' },
      { type: 'ChangeFrameworkDraftPurpose', frameworkId, purpose: 'Another purpose' },
    ];
    for (const command of after) spec.given([created, filled, published, retired(1, null)]).when(command).thenThrows(InvalidStateError, (e) => e.message.includes('retired'));
  });

  it('refuses an over-long reason or a bad date', () => {
    expect(issuesOf([created], { ...retire, reason: 'r'.repeat(REASON_MAX + 1), now: new Date(Number.NaN) } as FrameworkCommand)).toEqual([
      `reason: must be at most ${REASON_MAX} characters; ${REASON_MAX + 1} given`,
      'now: must be a valid date',
    ]);
  });

  it('refuses a framework that does not exist', () => {
    spec.given([]).when(retire).thenThrows(NotFoundError);
  });
});

describe('framework state', () => {
  it('follows the lifecycle: draft, published, draft of the next version, retired', () => {
    const statuses = [[created, filled], [published], [v2Started], [retired(1, 2)]].reduce<{ events: FrameworkEvent[]; seen: string[] }>(
      (acc, batch) => {
        const events = [...acc.events, ...batch];
        const state = fold(frameworkDecider, events);
        return { events, seen: [...acc.seen, state.status === 'none' ? 'none' : `${state.status} v${state.version}`] };
      },
      { events: [], seen: [] },
    ).seen;
    expect(statuses).toEqual(['draft v1', 'published v1', 'draft v2', 'retired v2']);
  });

  it('keeps the latest published version in full', () => {
    const state = fold(frameworkDecider, [created, filled, published, v2Started]);
    expect(state.status === 'draft' && state.lastPublished).toEqual(published.data);
  });
});
