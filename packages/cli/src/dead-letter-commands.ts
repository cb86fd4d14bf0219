import { OnsaleApiError, type DeadLetter, type OnsaleClient } from '@onsale/client';
import type { CommandContext } from './commands';
import { CliFailure, describeFailure } from './failure';
import { json, table } from './output';

/** Every dead letter, oldest first, a page at a time. */
async function allDeadLetters(client: OnsaleClient): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.admin.deadLetters({ limit: 1_000, cursor });
    letters.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return letters;
}

export async function listDeadLetters({ client, output, asJson }: CommandContext): Promise<void> {
  const letters = await allDeadLetters(client);
  if (asJson) return output.out(json(letters));
  output.out(
    `${letters.length} dead letters\n` +
      table(
        ['id', 'kind', 'partition', 'attempts', 'set aside at', 'request id', 'error'],
        letters.map((l) => [l.id, l.kind, l.partition, l.attempts, l.deadLetteredAt, l.requestId, `${l.error.name}: ${l.error.message}`]),
      ),
  );
}

/** Redrives one dead letter, or with `all` every one; a letter the API refuses is reported and makes the command fail. */
export async function redriveDeadLetters({ client, output, asJson }: CommandContext, id: string | undefined, all: boolean): Promise<void> {
  if (id && all) throw new CliFailure('give a dead letter id or --all, not both');
  if (!id && !all) throw new CliFailure('give a dead letter id, or --all to redrive every one');
  const ids = id ? [id] : (await allDeadLetters(client)).map((letter) => letter.id);
  const redriven: { id: string; commandId: string }[] = [];
  const refused: { id: string; reason: string }[] = [];
  for (const letterId of ids) {
    try {
      redriven.push({ id: letterId, commandId: (await client.admin.redrive(letterId)).commandId });
    } catch (error) {
      // One refusal (a payload that would fail again, a letter gone meanwhile) must not stop the rest.
      if (!(error instanceof OnsaleApiError) || !all) throw error;
      refused.push({ id: letterId, reason: describeFailure(error) });
    }
  }
  if (asJson) output.out(json({ redriven, refused }));
  else {
    for (const done of redriven) output.out(`redriven ${done.id} as ${done.commandId}\n`);
    for (const failed of refused) output.err(`not redriven ${failed.id}: ${failed.reason}\n`);
    if (all) output.out(`${redriven.length} redriven, ${refused.length} refused\n`);
  }
  if (refused.length > 0) throw new CliFailure(`${refused.length} of ${ids.length} dead letters were not redriven`);
}

export async function deleteDeadLetter({ client, output, asJson }: CommandContext, id: string): Promise<void> {
  await client.admin.deleteDeadLetter(id);
  output.out(asJson ? json({ deleted: id }) : `deleted ${id}\n`);
}
