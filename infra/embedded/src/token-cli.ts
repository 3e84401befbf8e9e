import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDevIssuer } from '@growth/gateway';
import { ROLES } from '@growth/service-kit';
import { dataDirFromEnv, DEV_TENANT, devKeyFile } from './dev-environment';
import { peoplePages } from './dev-samples';
import { GraphQLCallError, graphqlCaller } from './graphql-client';

const USAGE = `Usage: npm run -s token -- --person <person id | staff number> [--roles employee[,hr,...]] [--tenant ${DEV_TENANT}] [--ttl 12h] [--url http://127.0.0.1:4000/graphql]

Prints a token (and nothing else) on stdout, signed with npm start's development key (GROWTH_DATA_DIR, default .data).
A staff number (e.g. E10064) is looked up in the running gateway; a person id (a UUID) is used as it is.
Roles: ${ROLES.join(', ')} (default employee). Being a supervisor is not a role: it follows from the reporting lines.
--ttl: seconds, or a number with s, m, h or d (default 12h). Honours JWT_ISSUER and JWT_AUDIENCE like npm start.`;

export interface TokenCliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

class UsageError extends Error {}

const parseTtl = (value: string): number => {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * UNITS[match[2]] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1) throw new UsageError(`--ttl must be seconds or a number with s, m, h or d (e.g. 3600, 90m, 12h), not "${value}"`);
  return seconds;
};

const parseRoles = (value: string): string[] => {
  const roles = value
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (roles.length === 0 || unknown.length > 0) throw new UsageError(`--roles takes a comma-separated list of ${ROLES.join(', ')}; not ${unknown.join(', ') || 'empty'}`);
  return [...new Set(roles)];
};

/**
 * `npm run token`: mints a development token for anyone of a tenant (the development tenant by default). Returns the
 * exit code; only the token goes to stdout, so `TOKEN=$(npm run -s token -- --person E10064)` works.
 */
export const runTokenCli = async (argv: readonly string[], env: NodeJS.ProcessEnv, out: TokenCliOutput): Promise<number> => {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        person: { type: 'string', short: 'p' },
        roles: { type: 'string', short: 'r', default: 'employee' },
        tenant: { type: 'string', short: 't', default: DEV_TENANT },
        ttl: { type: 'string', default: '12h' },
        url: { type: 'string', default: `http://${env.HOST || '127.0.0.1'}:${env.PORT || '4000'}/graphql` },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      out.stdout(`${USAGE}\n`);
      return 0;
    }
    if (!values.person) throw new UsageError('--person is required');
    const roles = parseRoles(values.roles);
    const ttl = parseTtl(values.ttl);
    if (env.JWT_JWKS_URL) throw new Error('JWT_JWKS_URL is set: npm start then verifies tokens from that identity provider, and development tokens are not accepted');
    const keyFile = devKeyFile(dataDirFromEnv(env));
    if (!existsSync(keyFile)) throw new Error(`No development key at ${keyFile}: start the platform once with npm start (it creates the key), or set GROWTH_DATA_DIR to its data directory`);
    const issuer = await createDevIssuer({ issuer: env.JWT_ISSUER || undefined, audience: env.JWT_AUDIENCE || undefined, keyFile });

    let actorId = values.person;
    let who = `person ${actorId}`;
    if (!UUID.test(values.person)) {
      // A staff number: ask the running gateway, as HR of the tenant for a minute.
      const lookup = await issuer.issueToken({ tenantId: values.tenant, actorId: 'dev-token-cli', roles: ['hr'], ttl: 60 });
      const person = await findByStaffNumber(values.url, lookup, values.person);
      if (!person) throw new Error(`No person with staff number ${values.person} in tenant ${values.tenant} (asked ${values.url})`);
      actorId = person.id;
      who = `${person.firstName} ${person.lastName} (${person.staffNumber}, ${person.jobClassification}, id ${person.id})`;
    }
    const token = await issuer.issueToken({ tenantId: values.tenant, actorId, roles, ttl });
    out.stderr(`Token for ${who} in ${values.tenant}, roles ${roles.join(' + ')}, valid until ${new Date(Date.now() + ttl * 1000).toISOString()}\n`);
    out.stdout(`${token}\n`);
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    out.stderr(`${error instanceof Error ? error.message : String(error)}\n${usage ? `\n${USAGE}\n` : ''}`);
    return usage ? 2 : 1;
  }
};

const findByStaffNumber = async (url: string, token: string, staffNumber: string) => {
  try {
    for await (const page of peoplePages(graphqlCaller(url, token))) {
      const found = page.find((p) => p.staffNumber === staffNumber);
      if (found) return found;
    }
    return undefined;
  } catch (error) {
    if (error instanceof GraphQLCallError && error.status === 401) {
      throw new Error(`The gateway at ${url} refused a token signed with the development key: is it npm start with the same GROWTH_DATA_DIR, JWT_ISSUER and JWT_AUDIENCE?`);
    }
    if (error instanceof GraphQLCallError) throw error;
    throw new Error(`Cannot reach the gateway at ${url} to look up staff number ${staffNumber}: is npm start running? (--url to point elsewhere, or pass a person id)`);
  }
};

if (require.main === module) {
  void runTokenCli(process.argv.slice(2), process.env, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then((code) => {
    process.exitCode = code;
  });
}
