// The seat map of a seated event: GET /v1/events/:id/seats drawn as a grid of seats coloured by
// state (free, held, sold), polled with If-None-Match while the event sells (a 304 costs nothing).

const $ = (id) => document.getElementById(id);
const STATE_OF_LETTER = { f: 'free', h: 'held', s: 'sold' };
const POLL_MS = 1_000;
const RETRY_MS = 5_000;

/** `12f3h5s` → ['free' ×12, 'held' ×3, 'sold' ×5]. */
function decodeStates(encoded) {
  const states = [];
  for (const [, count, letter] of encoded.matchAll(/(\d+)([a-z])/g)) {
    for (let i = 0; i < Number(count); i++) states.push(STATE_OF_LETTER[letter] ?? 'free');
  }
  return states;
}

const inRanges = (ranges, number) => (ranges ?? []).some(([from, to]) => number >= from && number <= to);

/** What the grid's layout depends on: sections, rows and seat numbers, not the states. */
const shapeOf = (map) =>
  JSON.stringify(map.sections.map((section) => [section.code, section.ticketType, section.rows.map((row) => [row.label, row.numbers])]));

export function startSeatMap(eventId) {
  const path = `/v1/events/${encodeURIComponent(eventId)}/seats`;
  let etag;
  let shape;
  /** Per row (`section/row`): its states string and its seats' elements, in `numbers` order. */
  let rows = new Map();
  let status = 'on_sale';
  let timer;

  function build(map) {
    rows = new Map();
    const sections = map.sections.map((section) => {
      const block = document.createElement('div');
      block.className = 'seat-section';
      block.dataset.section = section.code;
      const title = document.createElement('div');
      title.className = 'seat-section-title';
      title.textContent = `${section.code} · ${section.ticketType}`;
      block.append(title);
      for (const row of section.rows) {
        const line = document.createElement('div');
        line.className = 'seat-row';
        const label = document.createElement('span');
        label.className = 'seat-row-label';
        label.textContent = row.label;
        line.append(label);
        const seats = [];
        row.numbers.forEach(([from, to], index) => {
          // A gap where numbers skip (an aisle).
          if (index > 0) line.append(Object.assign(document.createElement('span'), { className: 'seat-gap' }));
          for (let number = from; number <= to; number++) {
            const seat = document.createElement('span');
            seat.className = 'seat';
            seat.dataset.seat = `${section.code}-${row.label}-${number}`;
            if (inRanges(row.accessible, number)) seat.dataset.accessible = 'true';
            if (inRanges(row.restrictedView, number)) seat.dataset.restrictedView = 'true';
            line.append(seat);
            seats.push(seat);
          }
        });
        block.append(line);
        rows.set(`${section.code}/${row.label}`, { states: '', seats });
      }
      return block;
    });
    $('seat-map').replaceChildren(...sections);
  }

  /** Recolours only the rows whose states changed. */
  function paint(map) {
    const counts = { free: 0, held: 0, sold: 0 };
    for (const section of map.sections) {
      for (const row of section.rows) {
        const drawn = rows.get(`${section.code}/${row.label}`);
        const states = decodeStates(row.states);
        for (const state of states) counts[state] += 1;
        if (!drawn || drawn.states === row.states) continue;
        drawn.states = row.states;
        drawn.seats.forEach((seat, index) => {
          const state = states[index] ?? 'free';
          seat.dataset.state = state;
          seat.title = `${seat.dataset.seat} ${state}`;
        });
      }
    }
    $('seat-map').dataset.version = map.version;
    $('seat-map-counts').textContent = `${counts.free.toLocaleString('en')} free · ${counts.held.toLocaleString('en')} held · ${counts.sold.toLocaleString('en')} sold`;
    for (const state of Object.keys(counts)) $('seat-map').dataset[state] = String(counts[state]);
  }

  async function refresh() {
    // no-store: the browser neither answers from its cache nor revalidates by itself, so a 304 reaches the page.
    const response = await fetch(path, { cache: 'no-store', headers: etag ? { 'If-None-Match': etag } : {} });
    if (response.status === 404) return false;
    if (response.status === 304) return true;
    if (!response.ok) throw new Error(`seat map: HTTP ${response.status}`);
    const map = await response.json();
    etag = response.headers.get('ETag') ?? undefined;
    const nextShape = shapeOf(map);
    if (nextShape !== shape) {
      shape = nextShape;
      build(map);
    }
    paint(map);
    $('seat-map-section').hidden = false;
    return true;
  }

  /** Polls while the event sells or is paused (holds still expire, sales still confirm); not once it is cancelled. */
  async function poll() {
    let again = POLL_MS;
    try {
      // An event without a seat map is asked once.
      if (!(await refresh())) return;
    } catch {
      again = RETRY_MS;
    }
    if (status !== 'cancelled') timer = setTimeout(poll, document.hidden ? RETRY_MS : again);
  }
  void poll();

  return {
    /** The event's status from the live stream: polling stops once it is cancelled, and takes one last look then. */
    setStatus(next) {
      if (next === status) return;
      status = next;
      if (status === 'cancelled') {
        clearTimeout(timer);
        void refresh().catch(() => undefined);
      }
    },
  };
}
