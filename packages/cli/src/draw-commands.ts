import type { CommandContext } from './commands';
import { json } from './output';

/**
 * `onsale events draw <eventId>`: an event's fair draw as the API publishes it; once it ran, checked
 * from its revealed seed and every published entry (as any buyer can), and with `--reservation`,
 * where that reservation was drawn.
 */
export async function showDraw({ client, output, asJson }: CommandContext, eventId: string, reservationId?: string): Promise<void> {
  const draw = await client.events.draw(eventId);
  const checked = draw.status === 'drawn' ? await client.events.checkDraw(eventId, reservationId) : undefined;
  if (asJson) {
    const check = checked && { ok: checked.ok, problems: checked.problems, ...(checked.position === undefined ? {} : { position: checked.position }) };
    return output.out(json({ ...draw, ...(check ? { check } : {}) }));
  }
  const lines = [
    `draw of ${eventId}  [${draw.status}]`,
    `pre-queue ${draw.preQueueOpensAt} → draw at ${draw.drawAt}; ${draw.entries} entries`,
    `commitment ${draw.commitment}`,
    draw.seed ? `seed       ${draw.seed} (revealed ${draw.drawnAt})` : 'seed       (revealed after the draw)',
  ];
  if (checked) {
    lines.push(checked.ok ? 'check: ok (the seed hashes to the commitment; every rank and position recomputes)' : `check: FAILED\n  ${checked.problems.join('\n  ')}`);
    if (reservationId !== undefined) {
      lines.push(checked.position === undefined ? `reservation ${reservationId}: not in the pre-queue` : `reservation ${reservationId}: drawn at position ${checked.position}`);
    }
  }
  lines.push(`method: ${draw.method}`);
  output.out(lines.join('\n'));
}
