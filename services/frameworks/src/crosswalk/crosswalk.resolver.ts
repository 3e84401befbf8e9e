import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { isUuid, ValidationFailedError, type ValidationIssue } from '@growth/es';
import { CurrentIdentity, authorize, commandContext, type Identity } from '@growth/service-kit';
import { frameworksPolicy } from '../access/frameworks.policy';
import type { CompetencyRef } from '../framework/domain/crosswalk';
import { FrameworkReader, type LoadedFramework } from '../framework/framework.reader';
import { currentDefinition } from '../framework/framework.view';
import { ApplyCrosswalkCommand } from './apply-crosswalk-command/apply-crosswalk-command.handler';
import { AlignCompetenciesInput, CompetencyAlignmentView, CrosswalkCommandResult, RemoveCompetencyAlignmentInput, type CompetencyRefInput, type CrosswalkCompetencyView } from './crosswalk.graphql';
import { CrosswalkReader } from './crosswalk.reader';

const refOf = (input: CompetencyRefInput): CompetencyRef => ({ frameworkId: input.frameworkId, competencyId: input.competencyId });

/** Framework ids are UUIDs here (competency ids are checked by the decider). */
const requireFrameworkUuids = (refs: Record<string, CompetencyRefInput>): void => {
  const issues: ValidationIssue[] = Object.entries(refs)
    .filter(([, ref]) => !isUuid(ref.frameworkId))
    .map(([side]) => ({ path: `${side}.frameworkId`, message: 'must be a UUID' }));
  if (issues.length > 0) throw new ValidationFailedError(issues);
};

/** The competency's name in its framework's current content (open draft, else latest published); none if retired. */
const competencyName = (framework: LoadedFramework | null, competencyId: string): string | null => {
  if (!framework || framework.state.status === 'retired') return null;
  for (const cluster of currentDefinition(framework).clusters) {
    const found = cluster.competencies.find((c) => c.id === competencyId);
    if (found) return found.name;
  }
  return null;
};

@Resolver(() => CompetencyAlignmentView)
export class CrosswalkResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly frameworks: FrameworkReader,
    private readonly alignments: CrosswalkReader,
  ) {}

  private async view(tenantId: string, ref: CompetencyRef, cache: Map<string, Promise<LoadedFramework | null>>): Promise<CrosswalkCompetencyView> {
    if (!cache.has(ref.frameworkId)) cache.set(ref.frameworkId, isUuid(ref.frameworkId) ? this.frameworks.load(tenantId, ref.frameworkId) : Promise.resolve(null));
    const framework = await cache.get(ref.frameworkId);
    return {
      frameworkId: ref.frameworkId,
      frameworkName: framework ? currentDefinition(framework).name : null,
      competencyId: ref.competencyId,
      competencyName: competencyName(framework ?? null, ref.competencyId),
    };
  }

  @Mutation(() => CrosswalkCommandResult, {
    description:
      "Align two competencies of different frameworks of your tenant (both must be in their framework's current version). A pair is aligned at most once, whichever way round: INVALID_STATE if it already is.",
  })
  async alignCompetencies(@Args('input') input: AlignCompetenciesInput, @CurrentIdentity() identity: Identity): Promise<CrosswalkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    requireFrameworkUuids({ from: input.from, to: input.to });
    const [from, to] = await Promise.all([input.from, input.to].map((ref) => this.frameworks.load(identity.tenantId, ref.frameworkId)));
    const found = { from: competencyName(from, input.from.competencyId) !== null, to: competencyName(to, input.to.competencyId) !== null };
    const note = input.note ?? undefined;
    return this.commands.execute(
      new ApplyCrosswalkCommand(
        { type: 'AlignCompetencies', from: refOf(input.from), to: refOf(input.to), relation: input.relation, ...(note !== undefined ? { note } : {}), found },
        commandContext(identity),
      ),
    );
  }

  @Mutation(() => CrosswalkCommandResult, { description: 'Remove the alignment of two competencies (named either way round); NOT_FOUND if they are not aligned.' })
  async removeCompetencyAlignment(@Args('input') input: RemoveCompetencyAlignmentInput, @CurrentIdentity() identity: Identity): Promise<CrosswalkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    requireFrameworkUuids({ from: input.from, to: input.to });
    return this.commands.execute(new ApplyCrosswalkCommand({ type: 'RemoveAlignment', from: refOf(input.from), to: refOf(input.to) }, commandContext(identity)));
  }

  @Query(() => [CompetencyAlignmentView], {
    description: 'The alignments of a competency, whichever way they were stated, each read from this competency (an alignment stated as A BROADER B shows from B as B NARROWER A).',
  })
  async crosswalk(
    @Args('frameworkId', { type: () => ID }) frameworkId: string,
    @Args('competencyId') competencyId: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<CompetencyAlignmentView[]> {
    authorize(frameworksPolicy, identity, 'read frameworks');
    if (!isUuid(frameworkId)) return [];
    const alignments = await this.alignments.alignmentsOf(identity.tenantId, { frameworkId, competencyId });
    const cache = new Map<string, Promise<LoadedFramework | null>>();
    return Promise.all(
      alignments.map(async (a) => ({
        competency: await this.view(identity.tenantId, a.source, cache),
        relation: a.relation,
        aligned: await this.view(identity.tenantId, a.target, cache),
        note: a.note ?? null,
      })),
    );
  }
}
