import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { InvalidStateError, isUuid, newId, NotFoundError, ValidationFailedError, type ExpectedVersion, requireUuid } from '@growth/es';
import { CurrentIdentity, authorize, commandContext, requirePageSize, type Identity } from '@growth/service-kit';
import { frameworksPolicy } from '../access/frameworks.policy';
import type { FrameworkCommand } from './domain/framework.commands';
import { diffFrameworkVersions } from './domain/framework.diff';
import {
  contentOfDocument,
  documentOf,
  FRAMEWORK_DOCUMENT_FORMAT,
  importCommands,
  parseFrameworkDocument,
  schemaIssues,
  serializeFrameworkDocument,
  type FrameworkDocument,
} from './document/framework-document';
import type { FrameworkContent } from './domain/framework.model';
import { ApplyFrameworkCommands } from './apply-framework-commands/apply-framework-commands.handler';
import {
  ChangeFrameworkDraftPurposeInput,
  CompetencyMatchView,
  CreateFrameworkDraftInput,
  DocumentFormatEnum,
  FrameworkChangeView,
  FrameworkCommandResult,
  FrameworkPage,
  FrameworkStatusEnum,
  FrameworkVersionView,
  FrameworkView,
  ImportFrameworkDocumentInput,
  PublishFrameworkInput,
  RenameFrameworkDraftInput,
  ReplaceFrameworkDraftContentFromDocumentInput,
  ReplaceFrameworkDraftContentInput,
  RetireFrameworkInput,
  StartNewFrameworkDraftVersionInput,
  type DocumentFormat,
  type FrameworkStatus,
} from './framework.graphql';
import { FrameworkReader, type LoadedFramework, type FrameworkVersionRecord } from './framework.reader';
import { competencyView, contentFields, currentDefinition, frameworkView, levelIdsOf, statusOf } from './framework.view';


const syntaxOf = (format: DocumentFormat): 'json' | 'yaml' => (format === 'JSON' ? 'json' : 'yaml');

/** Parses a document or fails with every issue, each at its path in the document (`document.` is not prefixed). */
const parseOrFail = (text: string, format: DocumentFormat): FrameworkDocument => {
  const result = parseFrameworkDocument(text, syntaxOf(format));
  if (!result.ok) throw new ValidationFailedError([...result.errors]);
  return result.document;
};

const SEARCH_MAX = 200;
const FRAMEWORKS_MAX = 500;
const PAGE_MAX = 200;

@Resolver(() => FrameworkView)
export class FrameworkResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: FrameworkReader,
  ) {}

  private async apply(identity: Identity, frameworkId: string, commands: FrameworkCommand[], expectedVersion: ExpectedVersion): Promise<FrameworkCommandResult> {
    const { version } = await this.commands.execute(new ApplyFrameworkCommands(frameworkId, commands, expectedVersion, commandContext(identity)));
    return { frameworkId, version };
  }

  /** Every framework not retired, page by page from the read model. */
  private async *frameworksInUse(tenantId: string): AsyncGenerator<LoadedFramework> {
    for (let after: string | undefined; ; ) {
      const page = await this.reader.list(tenantId, { inUse: true, first: PAGE_MAX, after });
      yield* page.items;
      if (!page.hasNextPage || !page.endCursor) return;
      after = page.endCursor;
    }
  }

  private async loadOrFail(identity: Identity, id: string): Promise<LoadedFramework> {
    const loaded = isUuid(id) ? await this.reader.load(identity.tenantId, id) : null;
    if (!loaded) throw new NotFoundError(`Framework ${id} not found`);
    return loaded;
  }

  @Mutation(() => FrameworkCommandResult, { description: 'Start a new framework as a draft.' })
  async createFrameworkDraft(@Args('input') input: CreateFrameworkDraftInput, @CurrentIdentity() identity: Identity): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    const frameworkId = input.frameworkId ?? newId();
    requireUuid(frameworkId, 'frameworkId');
    const { version } = await this.commands.execute(
      new ApplyFrameworkCommands(frameworkId, [{ type: 'CreateFrameworkDraft', frameworkId, name: input.name, purpose: input.purpose, kind: input.kind }], 'no_stream', commandContext(identity)),
    );
    return { frameworkId, version };
  }

  @Mutation(() => FrameworkCommandResult, { description: 'Rename a draft framework.' })
  async renameFrameworkDraft(@Args('input') input: RenameFrameworkDraftInput, @CurrentIdentity() identity: Identity): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    requireUuid(input.frameworkId, 'frameworkId');
    const { version } = await this.commands.execute(
      new ApplyFrameworkCommands(input.frameworkId, [{ type: 'RenameFrameworkDraft', frameworkId: input.frameworkId, name: input.name }], input.expectedVersion, commandContext(identity)),
    );
    return { frameworkId: input.frameworkId, version };
  }

  @Mutation(() => FrameworkCommandResult, { description: "Change the open draft's purpose." })
  async changeFrameworkDraftPurpose(@Args('input') input: ChangeFrameworkDraftPurposeInput, @CurrentIdentity() identity: Identity): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    requireUuid(input.frameworkId, 'frameworkId');
    return this.apply(identity, input.frameworkId, [{ type: 'ChangeFrameworkDraftPurpose', frameworkId: input.frameworkId, purpose: input.purpose }], input.expectedVersion);
  }

  @Mutation(() => FrameworkCommandResult, {
    description: 'Import a framework document (growth.framework/v1) as a new draft with its content, in one step. A malformed document fails with VALIDATION_FAILED listing every issue at its document path, and stores nothing.',
  })
  async importFrameworkDocument(@Args('input') input: ImportFrameworkDocumentInput, @CurrentIdentity() identity: Identity): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    const frameworkId = input.frameworkId ?? newId();
    requireUuid(frameworkId, 'frameworkId');
    const document = parseOrFail(input.document, input.format);
    return this.apply(identity, frameworkId, importCommands(document, frameworkId), 'no_stream');
  }

  @Mutation(() => FrameworkCommandResult, {
    description: "Replace the open draft's name, purpose and content with a document's (the document's kind must be the framework's). Issues are at their document paths; nothing is stored unless all is valid.",
  })
  async replaceFrameworkDraftContentFromDocument(
    @Args('input') input: ReplaceFrameworkDraftContentFromDocumentInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    requireUuid(input.frameworkId, 'frameworkId');
    const document = parseOrFail(input.document, input.format);
    const existing = await this.reader.load(identity.tenantId, input.frameworkId);
    if (existing && existing.state.kind !== document.kind) {
      throw new ValidationFailedError([{ path: 'kind', message: `must be the framework's kind, ${existing.state.kind}` }]);
    }
    const frameworkId = input.frameworkId;
    return this.apply(
      identity,
      frameworkId,
      [
        { type: 'RenameFrameworkDraft', frameworkId, name: document.name },
        { type: 'ChangeFrameworkDraftPurpose', frameworkId, purpose: document.purpose },
        { type: 'ReplaceFrameworkDraftContent', frameworkId, content: contentOfDocument(document) },
      ],
      input.expectedVersion,
    );
  }

  @Mutation(() => FrameworkCommandResult, {
    description: "Replace the open draft's whole content (for an editor holding the draft). VALIDATION_FAILED lists every issue at its path (clusters[1].competencies[3].name); nothing is stored unless all is valid.",
  })
  async replaceFrameworkDraftContent(@Args('input') input: ReplaceFrameworkDraftContentInput, @CurrentIdentity() identity: Identity): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    requireUuid(input.frameworkId, 'frameworkId');
    const content = input.content;
    if (typeof content !== 'object' || content === null || Array.isArray(content)) throw new ValidationFailedError([{ path: 'content', message: 'must be an object' }]);
    const loaded = await this.loadOrFail(identity, input.frameworkId);
    // Checked as the document it would make, so the shape is certain before the decider looks and the paths are a document's.
    const identityKeys = ['format', 'kind', 'name', 'purpose'].filter((key) => key in content);
    const issues = [
      ...identityKeys.map((key) => ({ path: key, message: 'unknown field' })),
      ...schemaIssues({ ...content, format: FRAMEWORK_DOCUMENT_FORMAT, kind: loaded.state.kind, name: loaded.state.name, purpose: loaded.state.purpose }),
    ];
    if (issues.length > 0) throw new ValidationFailedError(issues);
    return this.apply(identity, input.frameworkId, [{ type: 'ReplaceFrameworkDraftContent', frameworkId: input.frameworkId, content: content as FrameworkContent }], input.expectedVersion);
  }

  @Mutation(() => FrameworkCommandResult, { description: 'Publish the open draft if it is complete (VALIDATION_FAILED lists what is missing); the version then never changes.' })
  async publishFramework(@Args('input') input: PublishFrameworkInput, @CurrentIdentity() identity: Identity): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    requireUuid(input.frameworkId, 'frameworkId');
    return this.apply(identity, input.frameworkId, [{ type: 'PublishFramework', frameworkId: input.frameworkId, now: new Date() }], input.expectedVersion);
  }

  @Mutation(() => FrameworkCommandResult, { description: 'Open draft version n + 1 as a copy of the latest published version n, which stays published.' })
  async startNewFrameworkDraftVersion(@Args('input') input: StartNewFrameworkDraftVersionInput, @CurrentIdentity() identity: Identity): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    requireUuid(input.frameworkId, 'frameworkId');
    return this.apply(identity, input.frameworkId, [{ type: 'StartNewDraftVersion', frameworkId: input.frameworkId }], input.expectedVersion);
  }

  @Mutation(() => FrameworkCommandResult, { description: 'Retire a framework: no longer offered for new reviews; published versions stay readable, an open draft is abandoned.' })
  async retireFramework(@Args('input') input: RetireFrameworkInput, @CurrentIdentity() identity: Identity): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    requireUuid(input.frameworkId, 'frameworkId');
    return this.apply(identity, input.frameworkId, [{ type: 'RetireFramework', frameworkId: input.frameworkId, reason: input.reason, now: new Date() }], input.expectedVersion);
  }

  @Query(() => FrameworkView, { nullable: true, description: 'A framework of your tenant, as its owner (the frameworks service) sees it now.' })
  async framework(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<FrameworkView | null> {
    authorize(frameworksPolicy, identity, 'read frameworks');
    if (!isUuid(id)) return null;
    const loaded = await this.reader.load(identity.tenantId, id);
    return loaded && frameworkView(loaded);
  }

  @Query(() => FrameworkVersionView, { nullable: true, description: 'One published version of a framework of your tenant.' })
  async frameworkVersion(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @CurrentIdentity() identity: Identity,
  ): Promise<FrameworkVersionView | null> {
    authorize(frameworksPolicy, identity, 'read frameworks');
    if (!isUuid(id)) return null;
    const loaded = await this.reader.load(identity.tenantId, id);
    const found = loaded?.versions.find((v) => v.version === version && v.publishedAt !== null);
    return found ? { ...contentFields(found.definition), frameworkId: id, version, publishedAt: new Date(found.publishedAt as string) } : null;
  }

  @Query(() => [FrameworkView], { description: "Your tenant's first 500 frameworks by name, optionally only those with one status; `frameworkPage` pages through all of them." })
  async frameworks(
    @Args('status', { type: () => FrameworkStatusEnum, nullable: true }) status: FrameworkStatus | undefined,
    @CurrentIdentity() identity: Identity,
  ): Promise<FrameworkView[]> {
    authorize(frameworksPolicy, identity, 'read frameworks');
    const { items } = await this.reader.list(identity.tenantId, { status: status ?? undefined, first: FRAMEWORKS_MAX });
    return items.map(frameworkView);
  }

  @Query(() => FrameworkPage, { description: "A page of your tenant's frameworks by name (then id), optionally only those with one status." })
  async frameworkPage(
    @Args('status', { type: () => FrameworkStatusEnum, nullable: true }) status: FrameworkStatus | undefined,
    @Args('first', { type: () => Int, defaultValue: 50, description: `1 to ${PAGE_MAX}` }) first: number,
    @Args('after', { type: () => String, nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | undefined,
    @CurrentIdentity() identity: Identity,
  ): Promise<FrameworkPage> {
    authorize(frameworksPolicy, identity, 'read frameworks');
    requirePageSize(first, PAGE_MAX);
    const page = await this.reader.list(identity.tenantId, { status: status ?? undefined, first, after: after ?? undefined });
    return { items: page.items.map(frameworkView), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }

  @Query(() => CompetencyMatchView, { nullable: true, description: "One competency of one of your tenant's frameworks, in its current version." })
  async competency(
    @Args('frameworkId', { type: () => ID }) frameworkId: string,
    @Args('competencyId') competencyId: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<CompetencyMatchView | null> {
    authorize(frameworksPolicy, identity, 'read frameworks');
    const loaded = isUuid(frameworkId) ? await this.reader.load(identity.tenantId, frameworkId) : null;
    if (!loaded) return null;
    const definition = currentDefinition(loaded);
    for (const cluster of definition.clusters) {
      const found = cluster.competencies.find((c) => c.id === competencyId);
      if (found) return competencyMatch(loaded, definition, cluster, found);
    }
    return null;
  }

  @Query(() => [CompetencyMatchView], { description: "Competencies whose name contains the text (case-insensitive) in the current version of your tenant's frameworks that are not retired (at most 200)." })
  async searchCompetencies(@Args('name') name: string, @CurrentIdentity() identity: Identity): Promise<CompetencyMatchView[]> {
    authorize(frameworksPolicy, identity, 'read frameworks');
    const needle = name.trim().toLocaleLowerCase();
    if (needle.length === 0) throw new ValidationFailedError([{ path: 'name', message: 'must not be empty' }]);
    const matches: CompetencyMatchView[] = [];
    for await (const f of this.frameworksInUse(identity.tenantId)) {
      if (matches.length >= SEARCH_MAX) break;
      const definition = currentDefinition(f);
      for (const cluster of definition.clusters) {
        for (const competency of cluster.competencies) {
          if (competency.name.toLocaleLowerCase().includes(needle)) matches.push(competencyMatch(f, definition, cluster, competency));
        }
      }
    }
    return matches.slice(0, SEARCH_MAX);
  }

  @Query(() => [FrameworkChangeView], { description: 'What changed from one version of a framework to another (published versions or the open draft), entity by entity.' })
  async frameworkDiff(
    @Args('id', { type: () => ID }) id: string,
    @Args('fromVersion', { type: () => Int }) fromVersion: number,
    @Args('toVersion', { type: () => Int }) toVersion: number,
    @CurrentIdentity() identity: Identity,
  ): Promise<FrameworkChangeView[]> {
    authorize(frameworksPolicy, identity, 'read frameworks');
    const loaded = await this.loadOrFail(identity, id);
    const versionOf = (n: number, path: string): FrameworkVersionRecord => {
      const found = loaded.versions.find((v) => v.version === n);
      if (!found) throw new ValidationFailedError([{ path, message: `framework has no version ${n}; it has ${loaded.versions.map((v) => v.version).join(', ') || 'none'}` }]);
      return found;
    };
    const from = versionOf(fromVersion, 'fromVersion');
    const to = versionOf(toVersion, 'toVersion');
    return diffFrameworkVersions(from.definition, to.definition).map((c) => ({ ...c }));
  }

  @Query(() => String, {
    description: 'A framework version as a document (growth.framework/v1): the given version (published, or the open draft), else the open draft or the latest published version.',
  })
  async exportFrameworkDocument(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int, nullable: true }) version: number | undefined,
    @Args('format', { type: () => DocumentFormatEnum, defaultValue: DocumentFormatEnum.YAML }) format: DocumentFormat,
    @CurrentIdentity() identity: Identity,
  ): Promise<string> {
    authorize(frameworksPolicy, identity, 'read frameworks');
    const loaded = await this.loadOrFail(identity, id);
    const record = version === undefined || version === null ? loaded.versions.at(-1) : loaded.versions.find((v) => v.version === version);
    if (!record) {
      if (version === undefined || version === null) throw new InvalidStateError(`Framework ${id} has no version to export`);
      throw new ValidationFailedError([{ path: 'version', message: `framework has no version ${version}` }]);
    }
    return serializeFrameworkDocument(documentOf(record.definition), syntaxOf(format));
  }
}

type Definition = ReturnType<typeof currentDefinition>;
const competencyMatch = (
  f: LoadedFramework,
  definition: Definition,
  cluster: Definition['clusters'][number],
  competency: Definition['clusters'][number]['competencies'][number],
): CompetencyMatchView => ({
  frameworkId: f.frameworkId,
  frameworkName: definition.name,
  frameworkVersion: f.versions.at(-1)?.version ?? f.state.version,
  frameworkStatus: statusOf(f),
  clusterId: cluster.id,
  clusterName: cluster.name,
  competency: competencyView(competency, levelIdsOf(definition)),
});
