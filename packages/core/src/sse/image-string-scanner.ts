/** What a member name means to the scanner; everything else is `other`. */
enum Name {
  Other = 0,
  Url = 1,
  ImageUrl = 2,
  Images = 3,
  B64Json = 4,
  /** Not a name: the container is an array element. */
  Element = 5,
  /** Not a name: the container is the line's root value. */
  Root = 6,
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
/** Longest member name read (`image_url`); longer ones are `other` and not kept. */
const longestName = 9;
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

function nameOf(text: string): Name {
  switch (text) {
    case 'url':
      return Name.Url;
    case 'image_url':
      return Name.ImageUrl;
    case 'images':
      return Name.Images;
    case 'b64_json':
      return Name.B64Json;
    default:
      return Name.Other;
  }
}

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
 * know whether it is inside a string that holds a base64 image: a chat chunk's
 * `images[].image_url.url` data URL (`data:image/<type>;base64,`) or an Images API `b64_json`.
 * Member names and structure are read character by character (a few hundred characters in a
 * chunk); other strings are skipped with native `indexOf`. It does not validate the JSON: whatever
 * it concludes is checked again by `JSON.parse` of the whole event, so a wrong guess only costs
 * the string path.
 */
export class ImageStringScanner {
  /** Per open container: `Name` of the member or position it sits in, plus 8 for an array. */
  readonly #stack: number[] = [];
  #state = State.Outside;
  /** In an object, the next string is a member name. */
  #expectName = false;
  /** The name of the member whose value comes next in the innermost object. */
  #name = Name.Other;
  #nameText = '';
  /** The previous character was a backslash inside a skipped string. */
  #escaped = false;
  #header = '';
  #isDataUrl = false;
  /** Characters of the current image string's base64 seen so far. */
  #base64Chars = 0;
  /** Characters read one by one outside strings in this line. */
  #structure = 0;

  reset(): void {
    this.#stack.length = 0;
    this.#state = State.Outside;
    this.#expectName = false;
    this.#name = Name.Other;
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
          const top = stack[stack.length - 1];
          const position = top === undefined ? Name.Root : top >= 8 ? Name.Element : this.#name;
          const isObject = text.charCodeAt(at) === 123;
          stack.push(position + (isObject ? 0 : 8));
          this.#expectName = isObject;
          this.#name = Name.Other;
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
          this.#expectName = top !== undefined && top < 8;
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

  /** A string value begins: an image candidate if it sits where the wire puts images. */
  #startValueString(): void {
    const stack = this.#stack;
    const depth = stack.length;
    const top = stack[depth - 1];
    const inObject = top !== undefined && top < 8;
    this.#header = '';
    this.#base64Chars = 0;
    this.#escaped = false;
    if (inObject && this.#name === Name.B64Json) {
      this.#isDataUrl = false;
      this.#state = State.Base64;
      return;
    }
    // images: [ { image_url: { url: "…" } } ]
    if (
      inObject &&
      this.#name === Name.Url &&
      top === Name.ImageUrl &&
      stack[depth - 2] === Name.Element &&
      stack[depth - 3] === Name.Images + 8
    ) {
      this.#isDataUrl = true;
      this.#state = State.Header;
      return;
    }
    this.#state = State.Skip;
  }

  #readName(text: string, start: number, end: number): number {
    for (let at = start; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) {
        this.#name = nameOf(this.#nameText);
        this.#state = State.Outside;
        return at + 1;
      }
      if (code === BACKSLASH || this.#nameText.length === longestName) {
        // An escaped or long name is none of ours: skip it as a string.
        this.#name = Name.Other;
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
