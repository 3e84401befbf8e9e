import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { ValidationFailedError } from '@growth/es';
import { CurrentIdentity, commandContext, type Identity } from '@growth/service-kit';
import { authorizeTenantWide } from '../access/access-facts';
import { ImportPeopleCommand } from './import-people.handler';
import type { ImportMode, ImportReport } from './import-people';
import { ImportModeEnum, ImportReportView } from './import.graphql';

/**
 * Requests carry at most 1 MiB (the service's body limit), JSON-escaped; this leaves room for that. Larger files:
 * the CLI (`node services/directory/dist/import-cli.js`), which streams a file of any size.
 */
export const MAX_IMPORT_CSV_BYTES = 512 * 1024;

@Resolver(() => ImportReportView)
export class ImportResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => ImportReportView, { description: `Import people from an HRIS CSV export (up to ${MAX_IMPORT_CSV_BYTES / 1024} KiB; HR and tenant admins).` })
  async importPeople(
    @Args('csv') csv: string,
    @Args('mode', { type: () => ImportModeEnum }) mode: ImportMode,
    @CurrentIdentity() identity: Identity,
  ): Promise<ImportReportView> {
    authorizeTenantWide(identity, 'import people');
    const bytes = Buffer.byteLength(csv, 'utf8');
    if (bytes > MAX_IMPORT_CSV_BYTES) {
      throw new ValidationFailedError([{ path: 'csv', message: `must be at most ${MAX_IMPORT_CSV_BYTES} bytes; ${bytes} given (use the import CLI for larger files)` }]);
    }
    const report = await this.commands.execute<ImportPeopleCommand, ImportReport>(new ImportPeopleCommand(csv, mode, commandContext(identity)));
    return { ...report, errors: [...report.errors] };
  }
}
