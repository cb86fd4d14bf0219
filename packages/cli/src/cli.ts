import { createOnsaleClient, type OnsaleClient } from '@onsale/client';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  changeEvent,
  createEventFromFile,
  EVENT_ACTIONS,
  exportSales,
  listEvents,
  showBacklog,
  showWaitlist,
  showEvent,
  showReservation,
  type CommandContext,
} from './commands';
import { deleteDeadLetter, listDeadLetters, redriveDeadLetters } from './dead-letter-commands';
import { showDraw } from './draw-commands';
import {
  addWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  rotateWebhookSecret,
  setWebhookEndpointEnabled,
} from './webhook-commands';
import { CliFailure, describeFailure } from './failure';
import { json, processOutput, type Output } from './output';
import { mintToken, verifiedToken } from './tokens';

interface GlobalOptions {
  url: string;
  token?: string;
  jwtSecret?: string;
  json?: boolean;
}

/** Calls the API with --token, else with an admin token minted from --jwt-secret for five minutes. */
function clientFor(options: GlobalOptions): OnsaleClient {
  try {
    new URL(options.url);
  } catch {
    throw new CliFailure(`--url (or ONSALE_URL) is not a URL: ${options.url}`);
  }
  const token = options.token ?? (options.jwtSecret ? mintToken(options.jwtSecret, { sub: 'onsale-cli', role: 'admin', ttlSeconds: 300 }).token : undefined);
  return createOnsaleClient({ baseUrl: options.url, token });
}

const positiveInteger = (value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return number;
};

/** `onsale`: the command tree. Actions run through `run`, which makes their context. */
function program(output: Output, signal: AbortSignal | undefined): Command {
  const root = new Command('onsale')
    .description('Administer an Onsale deployment: events, backlog, reservations, tokens, exports, dead letters, webhooks')
    .addOption(new Option('--url <url>', 'the Onsale API').env('ONSALE_URL').default('http://127.0.0.1:3000'))
    .addOption(new Option('--token <jwt>', 'bearer token (an admin\'s for most commands)').env('ONSALE_TOKEN'))
    .addOption(new Option('--jwt-secret <secret>', 'the API\'s JWT_SECRET: mints tokens locally').env('JWT_SECRET'))
    .option('--json', 'print JSON for scripts instead of tables')
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    // Each subcommand's --help lists --url, --token, --jwt-secret and --json too.
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .showHelpAfterError();

  const run =
    <A extends unknown[]>(action: (context: CommandContext, ...args: A) => Promise<void>) =>
    async (...args: A) => {
      const options = root.opts<GlobalOptions>();
      const client = clientFor(options);
      // A token given is checked before any command, public ones included, so a wrong one is not used silently.
      if (options.token !== undefined) await verifiedToken(client, options.token);
      await action({ client, output, asJson: options.json === true, signal }, ...args);
    };

  const events = root.command('events').description('create, list, show and change events');
  events
    .command('create')
    .description('create an event from a JSON or YAML file (the body of POST /v1/events)')
    .requiredOption('--file <path>', 'event.json, event.yaml or event.yml')
    .action((options: { file: string }) => run(createEventFromFile)(options.file));
  events.command('list').description('every event with its ticket counts').action(() => run(listEvents)());
  events
    .command('show <eventId>')
    .description('an event with its live counters and queued backlog')
    .option('--watch <seconds>', 'show it again every so many seconds', positiveInteger)
    .action((eventId: string, options: { watch?: number }) => run(showEvent)(eventId, options.watch));
  events
    .command('draw <eventId>')
    .description("an event's fair draw (a pre-queue): commitment and method; once drawn, the seed, checked from every published entry")
    .option('--reservation <id>', "also tell where this reservation was drawn")
    .action((eventId: string, options: { reservation?: string }) => run(showDraw)(eventId, options.reservation));
  const actionHelp = {
    pause: 'stop accepting requests for now',
    resume: 'accept requests again',
    close: 'end sales now (sales window closes; holds can still be paid)',
    cancel: 'cancel the event: no more sales',
  };
  for (const action of Object.keys(EVENT_ACTIONS) as (keyof typeof EVENT_ACTIONS)[]) {
    events
      .command(`${action} <eventId>`)
      .description(actionHelp[action])
      .action((eventId: string) => run(changeEvent)(action, eventId));
  }

  root.command('backlog').description('requests still queued, per partition and per event, and the oldest one\'s age').action(() => run(showBacklog)());

  root
    .command('waitlist <eventId>')
    .description("an event's waitlist: each ticket type's counters, and the entries in join order with their offers (admin)")
    .option('--limit <n>', 'the most entries', positiveInteger, 100)
    .action((eventId: string, options: { limit: number }) => run(showWaitlist)(eventId, options.limit));

  root
    .command('reservations')
    .description('read reservations')
    .command('show <reservationId>')
    .description('a reservation and its state')
    .action((id: string) => run(showReservation)(id));

  root
    .command('tokens')
    .description('bearer tokens for local use')
    .command('mint')
    .description('mint a token signed with --jwt-secret / JWT_SECRET')
    .requiredOption('--sub <subject>', 'the customer or admin id')
    .option('--role <role>', 'admin or customer', 'customer')
    .option('--ttl <seconds>', 'validity', positiveInteger, 3600)
    .action((options: { sub: string; role: string; ttl: number }) => {
      const minted = mintToken(root.opts<GlobalOptions>().jwtSecret, { sub: options.sub, role: options.role, ttlSeconds: options.ttl });
      output.out(root.opts<GlobalOptions>().json ? json(minted) : `${minted.token}\n`);
    });

  root
    .command('export')
    .description('export data')
    .command('sales <eventId>')
    .description('an event\'s confirmed reservations')
    .option('--csv', 'as CSV (one line per ticket type bought)')
    .action((eventId: string, options: { csv?: boolean }) => run(exportSales)(eventId, options.csv ? 'csv' : 'table'));

  const deadLetters = root.command('dead-letters').description('partition jobs set aside after failing every attempt');
  deadLetters.command('list').description('every dead letter, oldest first').action(() => run(listDeadLetters)());
  deadLetters
    .command('redrive [id]')
    .description("put a dead letter's job back on its partition (and remove the letter)")
    .option('--all', 'every dead letter')
    .action((id: string | undefined, options: { all?: boolean }) => run(redriveDeadLetters)(id, options.all === true));
  deadLetters
    .command('delete <id>')
    .description('discard a dead letter without running its job')
    .action((id: string) => run(deleteDeadLetter)(id));

  const webhooks = root.command('webhooks').description('webhook endpoints: register, rotate secrets, read and redeliver deliveries (docs/webhooks.md)');
  webhooks
    .command('add <url>')
    .description('register an endpoint; prints its signing secret (shown once)')
    .requiredOption('--events <types>', 'comma-separated event types (reservation.held, …, event.sold_out), or all')
    .option('--description <text>', 'what the endpoint is')
    .option('--allow-private-network', 'deliver even to loopback, link-local and private addresses')
    .action((url: string, options: { events: string; description?: string; allowPrivateNetwork?: boolean }) => run(addWebhookEndpoint)(url, options));
  webhooks.command('list').description('every endpoint').action(() => run(listWebhookEndpoints)());
  webhooks.command('disable <id>').description('stop recording and sending webhooks for an endpoint').action((id: string) => run(setWebhookEndpointEnabled)(id, false));
  webhooks.command('enable <id>').description('enable an endpoint again (also after a 410); its pending deliveries resume').action((id: string) => run(setWebhookEndpointEnabled)(id, true));
  webhooks.command('delete <id>').description('delete an endpoint and its deliveries').action((id: string) => run(deleteWebhookEndpoint)(id));
  webhooks
    .command('rotate-secret <id>')
    .description('a new signing secret; the old one keeps signing too for a while (default one day)')
    .option('--previous-valid-for <seconds>', 'how long the old secret keeps signing (0: not at all)', (value) => (value === '0' ? 0 : positiveInteger(value)))
    .action((id: string, options: { previousValidFor?: number }) => run(rotateWebhookSecret)(id, options.previousValidFor));
  webhooks
    .command('deliveries <id>')
    .description("an endpoint's deliveries, newest first, with their last attempt")
    .addOption(new Option('--state <state>', 'only these').choices(['pending', 'delivered', 'dead']))
    .option('--limit <n>', 'how many', positiveInteger, 20)
    .action((id: string, options: { state?: 'pending' | 'delivered' | 'dead'; limit: number }) => run(listWebhookDeliveries)(id, options));
  webhooks
    .command('redeliver <id> <deliveryId>')
    .description('send a delivery again now, under the same webhook-id')
    .action((id: string, deliveryId: string) => run(redeliverWebhook)(id, deliveryId));
  return root;
}

/**
 * Runs `onsale` with `argv` (without node and the script); resolves with the exit code. `signal`
 * stops a command that repeats (`events show --watch`), which otherwise runs until interrupted.
 */
export async function runCli(argv: string[], output: Output = processOutput, options: { signal?: AbortSignal } = {}): Promise<number> {
  try {
    await program(output, options.signal).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its own usage errors (and help, which exits 0).
    if (error instanceof CommanderError) return error.exitCode;
    output.err(`onsale: ${describeFailure(error)}\n`);
    return 1;
  }
}
