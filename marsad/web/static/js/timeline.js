// The timeline: events per day as bars, and a brush (drag across it) that picks a date range.

const NS = "http://www.w3.org/2000/svg";
const DAY = 86400000;

function svg(tag, attrs) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

export function dayNumber(iso) {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

export function isoDay(number) {
  return new Date(number * DAY).toISOString().slice(0, 10);
}

export class Timeline {
  /** onBrush(since, until) is called with ISO days when the user drags, (null, null) when cleared. */
  constructor(node, onBrush) {
    this.node = node;
    this.onBrush = onBrush;
    this.days = [];
    this.first = 0;
    this.last = 0;
    this.selection = null;
    node.addEventListener("mousedown", (e) => this.start(e));
    window.addEventListener("mousemove", (e) => this.move(e));
    window.addEventListener("mouseup", () => this.end());
  }

  /** Draw counts: [{date, events}] between the first and last day given (ISO). */
  draw(counts, firstDay, lastDay) {
    this.days = counts;
    this.first = dayNumber(firstDay);
    this.last = Math.max(dayNumber(lastDay), this.first + 1);
    const width = this.node.clientWidth || 600;
    const height = this.node.clientHeight || 70;
    this.width = width;
    while (this.node.firstChild) this.node.removeChild(this.node.firstChild);
    this.node.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const most = Math.max(1, ...counts.map((c) => c.events));
    const barWidth = Math.max(2, width / (this.last - this.first + 1));
    for (const { date, events } of counts) {
      const x = this.x(dayNumber(date));
      const h = Math.max(2, (events / most) * (height - 16));
      const bar = svg("rect", { x: x - barWidth / 2, y: height - 12 - h, width: barWidth, height: h, class: "bar" });
      const title = svg("title", {});
      title.textContent = `${date}: ${events}`;
      bar.appendChild(title);
      this.node.appendChild(bar);
    }
    for (const [day, anchor] of [[this.first, "start"], [this.last, "end"]]) {
      const label = svg("text", { x: this.x(day), y: height - 1, "text-anchor": anchor, class: "axis" });
      label.textContent = isoDay(day);
      this.node.appendChild(label);
    }
    this.brush = svg("rect", { x: 0, y: 0, width: 0, height: height - 12, class: "brush" });
    this.node.appendChild(this.brush);
    this.showSelection();
  }

  x(day) {
    return ((day - this.first) / (this.last - this.first)) * (this.width - 8) + 4;
  }

  dayAt(clientX) {
    const box = this.node.getBoundingClientRect();
    const ratio = Math.min(1, Math.max(0, (clientX - box.left - 4) / (box.width - 8)));
    return Math.round(this.first + ratio * (this.last - this.first));
  }

  start(event) {
    this.dragging = { from: this.dayAt(event.clientX) };
    this.selection = [this.dragging.from, this.dragging.from];
    this.showSelection();
    event.preventDefault();
  }

  move(event) {
    if (!this.dragging) return;
    const to = this.dayAt(event.clientX);
    this.selection = [Math.min(this.dragging.from, to), Math.max(this.dragging.from, to)];
    this.showSelection();
  }

  end() {
    if (!this.dragging) return;
    this.dragging = null;
    const [from, to] = this.selection;
    this.onBrush(isoDay(from), isoDay(to));
  }

  /** Set the selection from ISO days (null clears it) without calling onBrush. */
  select(since, until) {
    this.selection = since || until
      ? [since ? dayNumber(since) : this.first, until ? dayNumber(until) : this.last] : null;
    this.showSelection();
  }

  showSelection() {
    if (!this.brush) return;
    if (!this.selection) {
      this.brush.setAttribute("width", 0);
      return;
    }
    const [from, to] = this.selection;
    const left = this.x(from) - 2;
    this.brush.setAttribute("x", left);
    this.brush.setAttribute("width", Math.max(4, this.x(to) - left + 2));
  }
}
