// The buyer's panel: buy N tickets with a customer token, follow the reservation queued → held → confirmed;
// while it is queued, its position and the seconds left to its estimated decision (counted down here
// between the stream's updates, which come when the position moves).
// The token stays in the page (from the URL fragment or the field): it is sent in an Authorization
// header, never in a URL. The reservation's stream is opened with a 60-second stream token instead.

const $ = (id) => document.getElementById(id);
const SETTLED = ['rejected', 'confirmed', 'cancelled', 'expired'];
const OUTLOOKS = { likely_available: 'tickets likely left for you', likely_sold_out: 'likely to sell out before your turn', unknown: '' };
const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Seconds until an ISO time, never below zero. */
const secondsUntil = (iso) => Math.max(0, Math.ceil((Date.parse(iso) - Date.now()) / 1000));

async function api(method, path, token, body) {
  const response = await fetch(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const payload = response.status === 204 ? undefined : await response.json();
  if (!response.ok) throw new Error(payload?.detail ?? payload?.title ?? `HTTP ${response.status}`);
  return payload;
}

export function startBuyerPanel(eventId) {
  let token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  let reservation;
  let stream;
  let countdown;
  const showError = (error) => ($('buyer-error').textContent = error ? String(error.message ?? error) : '');

  const setToken = (value) => {
    token = value.trim();
    $('token').value = token;
    $('token-state').textContent = token ? 'token set' : '';
    $('buy').disabled = !token || $('ticket-type').options.length === 0;
  };
  setToken(token);
  // The fragment has done its job: keep the token out of the address bar and history.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);

  function show(next) {
    if (reservation && next.id === reservation.id && next.version < reservation.version) return;
    if (reservation?.status !== next.status) {
      const entry = document.createElement('li');
      entry.textContent = `${new Date(next.updatedAt).toLocaleTimeString()} ${next.status}${next.reason ? ` (${next.reason})` : ''}`;
      $('reservation-history').append(entry);
    }
    reservation = next;
    $('reservation').hidden = false;
    $('reservation-id').textContent = next.id;
    $('reservation-status').textContent = next.status;
    $('reservation-status').dataset.status = next.status;
    $('confirm').disabled = next.status !== 'held';
    $('cancel').disabled = !['queued', 'held', 'confirmed'].includes(next.status);
    clearInterval(countdown);
    $('reservation-detail').textContent = next.reason ? `reason: ${next.reason}` : '';
    showPlace(next.status === 'queued' ? next.queue : undefined);
    if (next.status === 'queued' && next.queue?.estimatedDecisionAt) {
      const tick = () => {
        const left = secondsUntil(next.queue.estimatedDecisionAt);
        $('queue-eta').textContent = left > 0 ? `${left} s` : 'any moment';
        $('queue-eta').dataset.seconds = String(left);
      };
      tick();
      countdown = setInterval(tick, 1000);
    }
    if (next.status === 'held' && next.expiresAt) {
      const tick = () => {
        const left = Math.max(0, Math.round((Date.parse(next.expiresAt) - Date.now()) / 1000));
        $('reservation-detail').textContent = `expires in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
      };
      tick();
      countdown = setInterval(tick, 1000);
    }
    if (SETTLED.includes(next.status)) stream?.close();
  }

  /** The queued reservation's place: position, requests ahead, ETA (filled by the countdown) and outlook; hidden otherwise. */
  function showPlace(queue) {
    $('queue-place').hidden = !queue;
    if (!queue) return;
    if (queue.position === null) {
      // In the pre-queue: no position until the draw.
      $('queue-position').textContent = 'not drawn yet';
      $('queue-ahead').textContent = `the draw is at ${new Date(queue.drawAt).toLocaleTimeString()}`;
      $('queue-eta').textContent = 'after the draw';
      delete $('queue-eta').dataset.seconds;
      $('queue-outlook').textContent = '';
      delete $('queue-outlook').dataset.outlook;
      return;
    }
    $('queue-position').textContent = queue.position.toLocaleString('en');
    $('queue-ahead').textContent = `${plural(queue.requestsAhead, 'request', 'requests')} (${plural(queue.ticketsAhead, 'ticket', 'tickets')}) ahead`;
    $('queue-eta').textContent = queue.estimatedDecisionAt ? '' : 'not measured yet';
    delete $('queue-eta').dataset.seconds;
    $('queue-outlook').textContent = OUTLOOKS[queue.outlook] ?? '';
    $('queue-outlook').dataset.outlook = queue.outlook;
  }

  /** Follows the reservation's own stream with a fresh stream token; a dropped stream is reopened with a new one. */
  async function follow(id, attempt = 0) {
    stream?.close();
    const { streamToken } = await api('POST', `/v1/reservations/${id}/stream-token`, token);
    stream = new EventSource(`/v1/reservations/${id}/events?streamToken=${encodeURIComponent(streamToken)}`);
    stream.addEventListener('reservation', (message) => show(JSON.parse(message.data)));
    stream.addEventListener('error', () => {
      stream.close();
      if (reservation && SETTLED.includes(reservation.status)) return;
      if (attempt < 5) setTimeout(() => follow(id, attempt + 1).catch(showError), 1000 * (attempt + 1));
    });
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setToken($('token').value);
  });

  $('buy-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showError();
    $('reservation-history').replaceChildren();
    reservation = undefined;
    try {
      const items = [{ ticketType: $('ticket-type').value, quantity: Number($('quantity').value) }];
      show(await api('POST', `/v1/events/${eventId}/reservations`, token, { items }));
      await follow(reservation.id);
    } catch (error) {
      showError(error);
    }
  });

  for (const command of ['confirm', 'cancel']) {
    $(command).addEventListener('click', async () => {
      showError();
      try {
        show(await api('POST', `/v1/reservations/${reservation.id}/${command}`, token));
      } catch (error) {
        showError(error);
      }
    });
  }

  return {
    setTicketTypes(ticketTypes) {
      const select = $('ticket-type');
      if (select.options.length === ticketTypes.length) return;
      select.replaceChildren(
        ...ticketTypes.map((type) => Object.assign(document.createElement('option'), { value: type.code, textContent: type.name })),
      );
      $('buy').disabled = !token;
    },
  };
}
