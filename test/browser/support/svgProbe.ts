/** What the browser actually drew for one `<svg>`: its box on screen and each line or area in it. */
export interface DrawnSvg {
  /** `aria-label`, else the `<title>` text. */
  readonly label: string;
  readonly width: number;
  readonly height: number;
  /** Every `path`, `polyline` and `polygon` with its rendered length and bounding box. */
  readonly shapes: readonly DrawnShape[];
  /** `<rect>` elements (memory spans and lanes in report charts). */
  readonly rects: number;
}

export interface DrawnShape {
  readonly tag: string;
  readonly length: number;
  readonly bboxWidth: number;
  readonly bboxHeight: number;
}

/**
 * A `Runtime.evaluate` expression measuring every `<svg>` matching `selector` with the browser's own
 * geometry (`getBoundingClientRect`, `getTotalLength`, `getBBox`): proof that a chart is drawn,
 * not just present in the markup. Evaluates to {@link DrawnSvg}[].
 */
export function drawnSvgsExpression(selector: string): string {
  return `Array.from(document.querySelectorAll(${JSON.stringify(selector)})).map((svg) => {
    const box = svg.getBoundingClientRect();
    const title = svg.querySelector('title');
    return {
      label: svg.getAttribute('aria-label') || (title ? title.textContent : '') || '',
      width: box.width,
      height: box.height,
      rects: svg.querySelectorAll('rect').length,
      shapes: Array.from(svg.querySelectorAll('path, polyline, polygon')).map((shape) => {
        const b = shape.getBBox();
        return { tag: shape.tagName, length: shape.getTotalLength(), bboxWidth: b.width, bboxHeight: b.height };
      }),
    };
  })`;
}

/** Shapes that a person can see: a line with length and an extent on at least one axis. */
export function visibleShapes(svg: DrawnSvg): DrawnShape[] {
  return svg.shapes.filter((s) => s.length > 0 && (s.bboxWidth > 0 || s.bboxHeight > 0));
}

/**
 * A `Runtime.evaluate` expression listing the `<text>` of every `svg.chart` or `svg.price-chart` that sticks out of its
 * viewBox (a date or label cut off at the edge), as `label: text`. Evaluates to string[].
 */
export const CLIPPED_CHART_TEXT = `Array.from(document.querySelectorAll('svg.chart, svg.price-chart')).flatMap((svg) => {
  const view = svg.viewBox.baseVal;
  return Array.from(svg.querySelectorAll('text')).filter((t) => {
    const b = t.getBBox();
    return b.x < view.x - 0.5 || b.y < view.y - 0.5 || b.x + b.width > view.x + view.width + 0.5 || b.y + b.height > view.y + view.height + 0.5;
  }).map((t) => (svg.getAttribute('aria-label') || '') + ': ' + t.textContent);
})`;

/** A `Runtime.evaluate` expression: the height in CSS px of the tallest table cell on the page. */
export const TALLEST_CELL_PX = `Math.max(0, ...Array.from(document.querySelectorAll('td, th')).map((c) => c.getBoundingClientRect().height))`;
