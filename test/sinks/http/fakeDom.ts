/**
 * The few DOM calls the dashboard and chart scripts make, enough to run them in a `vm` context
 * without a browser: elements with attributes, children and `textContent`. Text is stored as
 * text, never parsed, exactly as a browser treats `textContent`.
 */
export class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly children: FakeElement[] = [];
  className = '';
  private ownText = '';

  constructor(
    readonly tagName: string,
    readonly namespaceURI: string | null,
    readonly ownerDocument: FakeDocument,
  ) {}

  get id(): string {
    return this.attributes.get('id') ?? '';
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  appendChild(child: FakeElement): FakeElement {
    this.children.push(child);
    return child;
  }

  /** Markup parsing is what the dashboard must never do with data: fail loudly if it tries. */
  set innerHTML(_html: string) {
    throw new Error('innerHTML used: data could become markup');
  }

  get textContent(): string {
    return this.ownText + this.children.map((c) => c.textContent).join('');
  }

  set textContent(text: string) {
    this.children.length = 0;
    this.ownText = text;
  }

  /** Every element below this one, depth first. */
  descendants(): FakeElement[] {
    return this.children.flatMap((c) => [c, ...c.descendants()]);
  }

  find(tag: string): FakeElement[] {
    return this.descendants().filter((e) => e.tagName === tag);
  }
}

export class FakeDocument {
  readonly body = new FakeElement('body', null, this);

  createElement(tag: string): FakeElement {
    return new FakeElement(tag.toLowerCase(), null, this);
  }

  createElementNS(ns: string, tag: string): FakeElement {
    return new FakeElement(tag, ns, this);
  }

  getElementById(id: string): FakeElement | null {
    return this.body.descendants().find((e) => e.id === id) ?? null;
  }

  /** Adds an element with an id under body, optionally with text (a JSON block). */
  add(id: string, text = ''): FakeElement {
    const e = this.createElement('div');
    e.setAttribute('id', id);
    e.textContent = text;
    return this.body.appendChild(e);
  }
}
