// The slice of the DOM API that pre-cleaning uses. The project compiles without lib.dom (Node code), and
// linkedom's own declarations refer to lib.dom's types, so we describe the little we touch ourselves.
export interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly parentElement: DomElement | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
}

export interface DomText extends DomNode {
  readonly data: string;
}

export interface DomAttribute {
  readonly name: string;
  readonly value: string;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly localName: string;
  readonly attributes: ArrayLike<DomAttribute>;
  readonly children: ArrayLike<DomElement>;
  readonly firstElementChild: DomElement | null;
  readonly nextElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
  replaceWith(node: DomNode): void;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly children: ArrayLike<DomElement>;
  readonly firstElementChild: DomElement | null;
  readonly body: DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}
