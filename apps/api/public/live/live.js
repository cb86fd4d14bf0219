// The live on-sale page: the event's stream (GET /v1/events/:id/live) drawn as it arrives, its seat map, and the buyer's panel.
import { startBuyerPanel } from './buyer.js';
import { startDrawPanel } from './draw.js';
import { startSeatMap } from './seat-map.js';

const eventId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const $ = (id) => document.getElementById(id);

const formatMs = (ms) => (ms == null ? '–' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
const formatCount = (n) => n.toLocaleString('en');

/** One row per ticket type, created once and updated in place. */
function renderTicketTypes(ticketTypes) {
  const list = $('ticket-types');
  for (const type of ticketTypes) {
    let item = list.querySelector(`[data-ticket-type="${type.code}"]`);
    if (!item) {
      item = document.createElement('li');
      item.className = 'ticket-type';
      item.dataset.ticketType = type.code;
      item.innerHTML = `<div class="title"><span class="name"></span><span class="counts">
          <span data-field="sold"></span> sold · <span data-field="held"></span> held · <span data-field="available"></span> available
          of <span data-field="capacity"></span><span class="waitlist"> · <span data-field="waitlist"></span> on the waitlist</span></span></div>
        <div class="bar"><div class="sold"></div><div class="held"></div></div>`;
      item.querySelector('.name').textContent = `${type.name} (${type.code})`;
      list.append(item);
    }
    for (const field of ['sold', 'held', 'available', 'capacity']) {
      item.querySelector(`[data-field="${field}"]`).textContent = formatCount(type[field]);
    }
    const waitlist = type.waitlist ?? { waiting: 0, offered: 0 };
    item.querySelector('[data-field="waitlist"]').textContent =
      waitlist.offered > 0 ? `${formatCount(waitlist.waiting)} (${formatCount(waitlist.offered)} offered)` : formatCount(waitlist.waiting);
    item.querySelector('.waitlist').hidden = waitlist.waiting + waitlist.offered === 0;
    const share = (n) => (type.capacity === 0 ? 0 : (100 * n) / type.capacity);
    item.querySelector('.bar .sold').style.width = `${share(type.sold)}%`;
    item.querySelector('.bar .held').style.width = `${share(type.held)}%`;
  }
}

function render(view) {
  document.title = `${view.event.name} · Onsale live`;
  $('event-name').textContent = view.event.name;
  $('event-status').textContent = view.event.status.replace('_', ' ');
  $('decisions-per-second').textContent = formatCount(view.decisionsPerSecond);
  $('backlog').textContent = formatCount(view.backlog.queued);
  $('oldest-queued').textContent = formatMs(view.backlog.oldestQueuedMs);
  $('latency-p50').textContent = formatMs(view.decisionLatencyMs?.p50);
  $('latency-p99').textContent = formatMs(view.decisionLatencyMs?.p99);
  $('window').textContent = `rates and percentiles over the last ${view.windowSeconds} s`;
  renderTicketTypes(view.ticketTypes);
}

function connect(onView) {
  const connection = $('connection');
  const source = new EventSource(`/v1/events/${encodeURIComponent(eventId)}/live`);
  source.addEventListener('open', () => {
    connection.dataset.state = 'live';
    connection.textContent = 'live';
  });
  source.addEventListener('live', (message) => onView(JSON.parse(message.data)));
  // EventSource reconnects by itself; say so meanwhile.
  source.addEventListener('error', () => {
    connection.dataset.state = 'lost';
    connection.textContent = 'reconnecting…';
  });
}

const buyer = startBuyerPanel(eventId);
const seatMap = startSeatMap(eventId);
startDrawPanel(eventId);
connect((view) => {
  render(view);
  buyer.setTicketTypes(view.ticketTypes);
  seatMap.setStatus(view.event.status);
});
