// Minimal, strict declarations for the parts of React 18.3.1 the dashboard uses. React is
// loaded as a UMD global (`React`) from assets/react.production.min.js, never imported.

declare namespace React {
  type Key = string | number;

  interface ReactElement {
    readonly type: unknown;
    readonly props: unknown;
    readonly key: Key | null;
  }

  type ReactNode = ReactElement | string | number | boolean | null | undefined | readonly ReactNode[];

  /** A function component; `props` never includes `key`. */
  type FC<P> = (props: P) => ReactElement | null;

  interface RefObject<T> {
    current: T;
  }

  type Ref<T> = RefObject<T | null> | ((instance: T | null) => void);

  type SetStateAction<S> = S | ((previous: S) => S);
  type Dispatch<A> = (action: A) => void;
  type EffectCallback = () => void | (() => void);
  type DependencyList = readonly unknown[];

  interface SyntheticEvent<T extends EventTarget> {
    readonly currentTarget: T;
    readonly target: EventTarget;
    preventDefault(): void;
  }
  type MouseEvent<T extends EventTarget> = SyntheticEvent<T>;

  type CSSProperties = { readonly [property: string]: string | number | undefined };

  /** Really a symbol; typed as a component so TypeScript accepts `<>…</>`. */
  const Fragment: FC<{ children?: ReactNode }>;

  function createElement(
    type: string | FC<never>,
    props: object | null,
    ...children: ReactNode[]
  ): ReactElement;

  function useState<S>(initial: S | (() => S)): [S, Dispatch<SetStateAction<S>>];
  function useEffect(effect: EffectCallback, deps?: DependencyList): void;
  function useLayoutEffect(effect: EffectCallback, deps?: DependencyList): void;
  function useMemo<T>(factory: () => T, deps: DependencyList): T;
  function useCallback<T extends (...args: never[]) => unknown>(callback: T, deps: DependencyList): T;
  function useRef<T>(initial: T): RefObject<T>;
  function useSyncExternalStore<T>(subscribe: (onChange: () => void) => () => void, getSnapshot: () => T): T;
  function memo<P>(component: FC<P>): FC<P>;

  /** Attributes every element accepts (`data-*` and `aria-*` names are unchecked by TypeScript). */
  interface HTMLAttributes<T extends EventTarget> {
    key?: Key;
    ref?: Ref<T>;
    children?: ReactNode;
    id?: string;
    className?: string;
    style?: CSSProperties;
    title?: string;
    role?: string;
    hidden?: boolean;
    tabIndex?: number;
    onClick?: (event: MouseEvent<T>) => void;
  }

  interface ButtonAttributes extends HTMLAttributes<HTMLButtonElement> {
    type?: "button" | "submit" | "reset";
    disabled?: boolean;
  }

  interface CellAttributes<T extends EventTarget> extends HTMLAttributes<T> {
    colSpan?: number;
    scope?: "col" | "row";
  }

  interface AnchorAttributes extends HTMLAttributes<HTMLAnchorElement> {
    href?: string;
    target?: string;
    rel?: string;
  }

  namespace JSX {
    type Element = ReactElement;
    interface ElementChildrenAttribute {
      children: unknown;
    }
    interface IntrinsicAttributes {
      key?: Key;
    }
    interface IntrinsicElements {
      a: AnchorAttributes;
      abbr: HTMLAttributes<HTMLElement>;
      b: HTMLAttributes<HTMLElement>;
      button: ButtonAttributes;
      caption: HTMLAttributes<HTMLTableCaptionElement>;
      code: HTMLAttributes<HTMLElement>;
      dd: HTMLAttributes<HTMLElement>;
      div: HTMLAttributes<HTMLDivElement>;
      dl: HTMLAttributes<HTMLDListElement>;
      dt: HTMLAttributes<HTMLElement>;
      footer: HTMLAttributes<HTMLElement>;
      h1: HTMLAttributes<HTMLHeadingElement>;
      h2: HTMLAttributes<HTMLHeadingElement>;
      header: HTMLAttributes<HTMLElement>;
      li: HTMLAttributes<HTMLLIElement>;
      main: HTMLAttributes<HTMLElement>;
      p: HTMLAttributes<HTMLParagraphElement>;
      section: HTMLAttributes<HTMLElement>;
      small: HTMLAttributes<HTMLElement>;
      span: HTMLAttributes<HTMLSpanElement>;
      strong: HTMLAttributes<HTMLElement>;
      table: HTMLAttributes<HTMLTableElement>;
      tbody: HTMLAttributes<HTMLTableSectionElement>;
      td: CellAttributes<HTMLTableCellElement>;
      th: CellAttributes<HTMLTableCellElement>;
      thead: HTMLAttributes<HTMLTableSectionElement>;
      tr: HTMLAttributes<HTMLTableRowElement>;
      ul: HTMLAttributes<HTMLUListElement>;
    }
  }
}
