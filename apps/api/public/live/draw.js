// The event's fair draw, for an event with a pre-queue (GET /v1/events/:id/draw): the commitment
// published before the pre-queue opened, the entries, the time of the draw, and once it ran, the seed.
const $ = (id) => document.getElementById(id);
const STATUS = { scheduled: 'pre-queue not open yet', open: 'pre-queue open', drawing: 'drawing…', drawn: 'drawn' };

function render(draw) {
  $('draw-section').hidden = false;
  $('draw-status').textContent = STATUS[draw.status] ?? draw.status;
  $('draw-status').dataset.status = draw.status;
  const left = Math.max(0, Math.round((Date.parse(draw.drawAt) - Date.now()) / 1000));
  $('draw-when').textContent =
    draw.status === 'drawn' ? `at ${new Date(draw.drawnAt).toLocaleTimeString()}` : draw.status === 'drawing' ? 'now' : `in ${left} s (${new Date(draw.drawAt).toLocaleTimeString()})`;
  $('draw-entries').textContent = draw.entries.toLocaleString('en');
  $('draw-commitment').textContent = draw.commitment;
  $('draw-seed').textContent = draw.seed ?? 'revealed after the draw';
  $('draw-method').textContent = draw.method;
}

/** Shows the draw and reads it again every 2 s until it has run; an event without a pre-queue (404) shows nothing. */
export function startDrawPanel(eventId) {
  const path = `/v1/events/${encodeURIComponent(eventId)}/draw`;
  async function refresh() {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    if (response.status === 404) return;
    if (!response.ok) return setTimeout(refresh, 5000);
    const draw = await response.json();
    render(draw);
    if (draw.status !== 'drawn') setTimeout(refresh, 2000);
  }
  refresh().catch(() => setTimeout(refresh, 5000));
}
