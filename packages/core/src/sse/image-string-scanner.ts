import { type ImageField, ROUTES, type RouteDefinition } from '../routes/route-table';

/**
 * Where a container or a string sits: in a member of one of the fields' names, in an array, at
 * the root, or anywhere else. Member names the fields use get codes from `FirstName` up, once,
 * when the fields are compiled, so the scanner compares small integers, never strings.
 */
enum Position {
  Other = 0,
  /** An element of an array (`[]` in a field's path). */
  Element = 1,
  /** The line's root value. */
  Root = 2,
  FirstName = 3,
}

/** The image fields compiled for the scanner. */
interface FieldSet {
  /** Every member name the fields use, to its `Position` code. */
  readonly names: ReadonlyMap<string, number>;
  /** Longest of those names: longer ones are `Other` and not kept. */
  readonly longestName: number;
  /**
   * Per field, the positions of its path from the innermost out: where the string sits, where its
   * container sits, and so on (a suffix of the path that leads to the string).
   */
  readonly paths: readonly (readonly number[])[];
  readonly dataUrl: readonly boolean[];
}

function compileFields(fields: readonly ImageField[]): FieldSet {
  const names = new Map<string, number>();
  let longestName = 0;
  const paths = fields.map(({ path }) => {
    if (path.length === 0) throw new RangeError('An image field needs a path of at least one name');
    return path
      .map((part) => {
        if (part === '[]') return Position.Element;
        let code = names.get(part);
        if (code === undefined) {
          code = Position.FirstName + names.size;
          names.set(part, code);
          longestName = Math.max(longestName, part.length);
        }
        return code;
      })
      .reverse();
  });
  return { names, longestName, paths, dataUrl: fields.map((field) => field.dataUrl) };
}

let routeFields: FieldSet | undefined;

/**
 * Every generation route's `imageFields`, compiled on first use. One set for every stream: the
 * parser does not know (and need not be told) which route a stream came from, the wires' fields
 * do not clash, and a wrong guess costs only the string path, since `JSON.parse` reads every
 * event again.
 */
function routeFieldSet(): FieldSet {
  routeFields ??= compileFields(
    (Object.values(ROUTES) as readonly RouteDefinition[]).flatMap(
      (route) => route.imageFields ?? [],
    ),
  );
  return routeFields;
}

enum State {
  /** Between tokens. */
  Outside,
  /** In a member name (short ones are read, longer ones skipped). */
  Name,
  /** In a string that is not an image, or no longer looks like one: looking for its end. */
  Skip,
  /** In an image string, reading the data URL header (`data:image/png;base64,`). */
  Header,
  /** In an image string's base64. */
  Base64,
  /** The line is not worth scanning further (too deep). */
  Off,
}

const QUOTE = 34;
const BACKSLASH = 92;
/** Deeper than any chunk of the wire; a line nested deeper is left to the string path. */
const maxDepth = 32;
/**
 * Characters outside strings read one by one before the line is left to the string path: a
 * chunk has a few hundred; megabytes of numbers would cost a JavaScript loop over all of them.
 */
const maxStructure = 1 << 20;
const dataUrlStart = 'data:image/';
const base64Marker = ';base64,';
/** Longest media subtype accepted in the header (`svg+xml`, `vnd.microsoft.icon` fit). */
const maxSubtype = 64;

/** A character of a media subtype as accepted here: lower-case, so the header is exactly `data:<type>;base64,`. */
function subtypeChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 48 && code <= 57) || // 0-9
    code === 43 || // +
    code === 45 || // -
    code === 46 // .
  );
}

/**
 * Follows the JSON text of one `data:` line, piece by piece as it arrives, just far enough to
 * know whether it is inside a string that holds a base64 image where one of the route table's
 * `imageFields` says (a chat chunk's `images[].image_url.url` data URL,
 * `data:image/<type>;base64,`, or an Images API `b64_json`). Member names and structure are read
 * character by character (a few hundred characters in a chunk); other strings are skipped with
 * native `indexOf`. It does not validate the JSON: whatever it concludes is checked again by
 * `JSON.parse` of the whole event, so a wrong guess only costs the string path.
 */
export class ImageStringScanner {
  readonly #fields: FieldSet;
  /** Per open container: twice the `Position` it sits in, plus 1 for an array. */
  readonly #stack: number[] = [];
  #state = State.Outside;
  /** In an object, the next string is a member name. */
  #expectName = false;
  /** The `Position` of the member whose value comes next in the innermost object. */
  #name: number = Position.Other;
  #nameText = '';
  /** The previous character was a backslash inside a skipped string. */
  #escaped = false;
  #header = '';
  #isDataUrl = false;
  /** Characters of the current image string's base64 seen so far. */
  #base64Chars = 0;
  /** Characters read one by one outside strings in this line. */
  #structure = 0;

  /** `fields`: where images sit (default: every generation route's `imageFields`). */
  constructor(fields?: readonly ImageField[]) {
    this.#fields = fields === undefined ? routeFieldSet() : compileFields(fields);
  }

  reset(): void {
    this.#stack.length = 0;
    this.#state = State.Outside;
    this.#expectName = false;
    this.#name = Position.Other;
    this.#nameText = '';
    this.#escaped = false;
    this.#header = '';
    this.#base64Chars = 0;
    this.#structure = 0;
  }

  /** The line cannot hold an image this scanner would find (too deep, too much structure). */
  get off(): boolean {
    return this.#state === State.Off;
  }

  /**
   * The scan stopped inside an image string's base64: the last `base64Chars` characters scanned
   * are its payload so far, preceded by `headerLength` characters of header.
   */
  get inImage(): boolean {
    return this.#state === State.Base64;
  }

  get base64Chars(): number {
    return this.#base64Chars;
  }

  get headerLength(): number {
    return this.#header.length;
  }

  /** `image/png` for a data URL, `undefined` for a bare base64 member (`b64_json`). */
  get mediaType(): string | undefined {
    return this.#isDataUrl
      ? this.#header.slice(5, this.#header.length - base64Marker.length)
      : undefined;
  }

  /**
   * The image string is to be treated as an ordinary one from here on: its end is looked for,
   * nothing more (after its payload was taken out, or when the payload was not what it looked like).
   */
  skipString(): void {
    this.#state = State.Skip;
    this.#escaped = false;
  }

  /** Scans `text` from `from` to its end, continuing where the previous piece left off. */
  scan(text: string, from: number): void {
    let at = from;
    const end = text.length;
    while (at < end) {
      switch (this.#state) {
        case State.Outside:
          at = this.#outside(text, at, end);
          break;
        case State.Name:
          at = this.#readName(text, at, end);
          break;
        case State.Skip:
          at = this.#skip(text, at, end);
          break;
        case State.Header:
          at = this.#readHeader(text, at, end);
          break;
        case State.Base64:
          at = this.#base64(text, at, end);
          break;
        case State.Off:
          return;
      }
    }
  }

  #outside(text: string, start: number, end: number): number {
    const stop = this.#structural(text, start, end);
    this.#structure += stop - start;
    if (this.#structure > maxStructure) this.#state = State.Off;
    return stop;
  }

  /** Reads structure up to the start of a string (returns just after its quote) or `end`. */
  #structural(text: string, start: number, end: number): number {
    const stack = this.#stack;
    for (let at = start; at < end; at++) {
      switch (text.charCodeAt(at)) {
        case 123: // {
        case 91: {
          // [
          if (stack.length === maxDepth) {
            this.#state = State.Off;
            return end;
          }
          const isObject = text.charCodeAt(at) === 123;
          stack.push(this.#position() * 2 + (isObject ? 0 : 1));
          this.#expectName = isObject;
          this.#name = Position.Other;
          break;
        }
        case 125: // }
        case 93: // ]
          stack.pop();
          this.#expectName = false;
          break;
        case 44: {
          // ,
          const top = stack[stack.length - 1];
          this.#expectName = top !== undefined && (top & 1) === 0;
          break;
        }
        case 58: // :
          this.#expectName = false;
          break;
        case QUOTE:
          if (this.#expectName) {
            this.#expectName = false;
            this.#nameText = '';
            this.#state = State.Name;
          } else {
            this.#startValueString();
          }
          return at + 1;
        default:
          break;
      }
    }
    return end;
  }

  /** Where a value that begins now sits: at the root, in an array, or in the current member. */
  #position(): number {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) return Position.Root;
    return (top & 1) === 1 ? Position.Element : this.#name;
  }

  /** A string value begins: an image candidate if it sits where a field puts images. */
  #startValueString(): void {
    this.#header = '';
    this.#base64Chars = 0;
    this.#escaped = false;
    const field = this.#fieldHere();
    if (field === -1) {
      this.#state = State.Skip;
    } else if (this.#fields.dataUrl[field]) {
      this.#isDataUrl = true;
      this.#state = State.Header;
    } else {
      this.#isDataUrl = false;
      this.#state = State.Base64;
    }
  }

  /** The first field whose path ends where a string that begins now sits, or -1. */
  #fieldHere(): number {
    const stack = this.#stack;
    const depth = stack.length;
    const own = this.#position();
    const paths = this.#fields.paths;
    search: for (let field = 0; field < paths.length; field++) {
      const path = paths[field]!;
      if (path[0] !== own || path.length > depth + 1) continue;
      for (let k = 1; k < path.length; k++) {
        if (stack[depth - k]! >> 1 !== path[k]) continue search;
      }
      return field;
    }
    return -1;
  }

  #readName(text: string, start: number, end: number): number {
    for (let at = start; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) {
        this.#name = this.#fields.names.get(this.#nameText) ?? Position.Other;
        this.#state = State.Outside;
        return at + 1;
      }
      if (code === BACKSLASH || this.#nameText.length === this.#fields.longestName) {
        // An escaped or long name is none of ours: skip it as a string.
        this.#name = Position.Other;
        this.skipString();
        return at;
      }
      this.#nameText += text[at];
    }
    return end;
  }

  /** Looks for the end of a string, stepping over escapes, with native searches. */
  #skip(text: string, start: number, end: number): number {
    let at = start;
    if (this.#escaped) {
      this.#escaped = false;
      at++;
    }
    let quote = text.indexOf('"', at);
    let backslash = text.indexOf('\\', at);
    for (;;) {
      if (quote === -1 && backslash === -1) return end;
      if (backslash !== -1 && (quote === -1 || backslash < quote)) {
        if (backslash + 1 === end) {
          this.#escaped = true;
          return end;
        }
        at = backslash + 2;
        if (quote !== -1 && quote < at) quote = text.indexOf('"', at);
        backslash = text.indexOf('\\', at);
        continue;
      }
      this.#state = State.Outside;
      return quote + 1;
    }
  }

  #readHeader(text: string, start: number, end: number): number {
    for (let at = start; at < end; at++) {
      const code = text.charCodeAt(at);
      const length = this.#header.length;
      let fits: boolean;
      if (length < dataUrlStart.length) {
        fits = code === dataUrlStart.charCodeAt(length);
      } else if (length === dataUrlStart.length) {
        fits = subtypeChar(code);
      } else {
        const marker = this.#header.indexOf(';', dataUrlStart.length);
        if (marker === -1) {
          fits =
            code === 59 || // ;
            (subtypeChar(code) && length - dataUrlStart.length < maxSubtype);
        } else {
          fits = code === base64Marker.charCodeAt(length - marker);
        }
      }
      if (!fits) {
        // Not a header this path takes (or the string ended): an ordinary string.
        this.skipString();
        return at;
      }
      this.#header += text[at];
      const marker = this.#header.indexOf(';', dataUrlStart.length);
      if (marker !== -1 && this.#header.length === marker + base64Marker.length) {
        this.#state = State.Base64;
        return at + 1;
      }
    }
    return end;
  }

  /** Inside the payload: counts it, and leaves it at its end (a short image) or an escape. */
  #base64(text: string, start: number, end: number): number {
    const quote = text.indexOf('"', start);
    const backslash = text.indexOf('\\', start);
    if (backslash !== -1 && (quote === -1 || backslash < quote)) {
      // An escape in the payload: the JSON text is not the value; the string path decides.
      this.skipString();
      return start;
    }
    if (quote === -1) {
      this.#base64Chars += end - start;
      return end;
    }
    this.#state = State.Outside;
    return quote + 1;
  }
}
