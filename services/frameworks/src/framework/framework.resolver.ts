import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { fold, isUuid, newId, toDomainEvent, ValidationFailedError } from '@growth/es';
import { PostgresEventStore } from '@growth/es-postgres';
import { CurrentIdentity, authorize, commandContext, type Identity } from '@growth/service-kit';
import { frameworksPolicy } from '../access/frameworks.policy';
import { frameworkDecider } from './domain/framework.decider';
import type { FrameworkEvent } from './domain/framework.events';
import { CreateFrameworkDraftCommand } from './create-framework-draft/create-framework-draft.handler';
import { RenameFrameworkDraftCommand } from './rename-framework-draft/rename-framework-draft.handler';
import { CreateFrameworkDraftInput, FrameworkCommandResult, FrameworkView, RenameFrameworkDraftInput } from './framework.graphql';
import { frameworkStreamId } from './framework.stream';

const requireUuid = (value: string, path: string): void => {
  if (!isUuid(value)) throw new ValidationFailedError([{ path, message: 'must be a UUID' }]);
};

@Resolver(() => FrameworkView)
export class FrameworkResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly store: PostgresEventStore,
  ) {}

  @Mutation(() => FrameworkCommandResult, { description: 'Start a new framework as a draft.' })
  async createFrameworkDraft(@Args('input') input: CreateFrameworkDraftInput, @CurrentIdentity() identity: Identity): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    const frameworkId = input.frameworkId ?? newId();
    requireUuid(frameworkId, 'frameworkId');
    const { version } = await this.commands.execute(
      new CreateFrameworkDraftCommand({ type: 'CreateFrameworkDraft', frameworkId, name: input.name, purpose: input.purpose, kind: input.kind }, commandContext(identity)),
    );
    return { frameworkId, version };
  }

  @Mutation(() => FrameworkCommandResult, { description: 'Rename a draft framework.' })
  async renameFrameworkDraft(@Args('input') input: RenameFrameworkDraftInput, @CurrentIdentity() identity: Identity): Promise<FrameworkCommandResult> {
    authorize(frameworksPolicy, identity, 'edit frameworks');
    requireUuid(input.frameworkId, 'frameworkId');
    const { version } = await this.commands.execute(
      new RenameFrameworkDraftCommand({ type: 'RenameFrameworkDraft', frameworkId: input.frameworkId, name: input.name }, input.expectedVersion, commandContext(identity)),
    );
    return { frameworkId: input.frameworkId, version };
  }

  @Query(() => FrameworkView, { nullable: true, description: 'A framework of your tenant, as its owner (the frameworks service) sees it now.' })
  async framework(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<FrameworkView | null> {
    authorize(frameworksPolicy, identity, 'read frameworks');
    if (!isUuid(id)) return null;
    const { events, currentVersion } = await this.store.readStream<FrameworkEvent>(frameworkStreamId(identity.tenantId, id), identity.tenantId);
    const state = fold(frameworkDecider, events.map(toDomainEvent));
    if (state.status === 'none') return null;
    return { id, name: state.name, purpose: state.purpose, kind: state.kind as FrameworkView['kind'], status: 'DRAFT', version: currentVersion };
  }
}
