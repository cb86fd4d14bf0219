import type { OnsaleClient, Reservation } from '@onsale/client';

/*
 * The demo's waitlist step, after a sell-out: a buyer who was sold out joins the waitlist, a
 * holder cancels, and the event's writer offers the returned ticket to the waitlist in the
 * transaction that releases it; the buyer takes the offer and pays.
 */

export async function runWaitlistOffer(options: {
  eventId: string;
  ticketType: string;
  /** A buyer whose request was rejected sold out, and a buyer holding tickets, each with their client. */
  soldOut: { buyer: number; client: OnsaleClient };
  holder: { buyer: number; client: OnsaleClient; reservation: Reservation };
  say: (line: string) => void;
}): Promise<boolean> {
  const { eventId, ticketType, soldOut, holder, say } = options;
  const entry = await soldOut.client.waitlist.join(eventId, ticketType, 1);
  say(`Waitlist: buyer #${soldOut.buyer}, sold out, joined the ${ticketType} waitlist at position ${entry.position}`);
  const offered = soldOut.client.waitlist.offer(eventId, entry.id);
  const cancelledAt = Date.now();
  await holder.client.cancel(holder.reservation.id);
  say(`  buyer #${holder.buyer} cancelled their hold of ${holder.reservation.items.reduce((sum, item) => sum + item.quantity, 0)} ticket(s)`);
  const hold = await offered;
  say(`  offered to buyer #${soldOut.buyer} in the cancel's own transaction: hold ${hold.id} until ${hold.expiresAt} (seen ${Date.now() - cancelledAt} ms after the cancel)`);
  const sale = await soldOut.client.confirm(hold.id);
  const after = await soldOut.client.waitlist.get(eventId, entry.id);
  say(`  buyer #${soldOut.buyer} paid: reservation ${sale.status}, waitlist entry ${after.status}`);
  return sale.status === 'confirmed' && after.status === 'accepted';
}
